// OpenSSL's types and constants for mq's TLS streams. mq does not link libssl: AMQP/OpenSSL.swift
// looks its functions up when TLS is first used.
#ifndef MQ_COPENSSL_SHIM_H
#define MQ_COPENSSL_SHIM_H

#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#endif
