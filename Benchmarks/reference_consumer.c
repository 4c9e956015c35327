/* Reference consumer on librabbitmq (the C library under amqp-tools), for the W3 benchmark.
 *
 *   reference_consumer URL QUEUE COUNT [PREFETCH] [ACK_EVERY]
 *
 * Consumes COUNT messages with basic.qos PREFETCH (default 1000), writes each body to stdout
 * (stdio-buffered) and acknowledges in batches: one basic.ack with multiple=1 every ACK_EVERY
 * messages (default 100) and for the last one, each after stdout was flushed.
 * Build: cc -O2 -o reference_consumer reference_consumer.c -lrabbitmq */
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_on_reply(amqp_rpc_reply_t r, const char *what) {
  if (r.reply_type != AMQP_RESPONSE_NORMAL) { fprintf(stderr, "reference_consumer: %s failed\n", what); exit(1); }
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: %s URL QUEUE COUNT [PREFETCH] [ACK_EVERY]\n", argv[0]); return 64; }
  struct amqp_connection_info ci;
  char *url = strdup(argv[1]);
  if (amqp_parse_url(url, &ci) != AMQP_STATUS_OK) { fprintf(stderr, "reference_consumer: bad URL\n"); return 64; }
  long count = atol(argv[3]);
  int prefetch = argc > 4 ? atoi(argv[4]) : 1000, ack_every = argc > 5 ? atoi(argv[5]) : 100;

  amqp_connection_state_t conn = amqp_new_connection();
  amqp_socket_t *sock = amqp_tcp_socket_new(conn);
  if (!sock || amqp_socket_open(sock, ci.host, ci.port) != AMQP_STATUS_OK) { fprintf(stderr, "reference_consumer: connect failed\n"); return 69; }
  die_on_reply(amqp_login(conn, ci.vhost, 0, 131072, 60, AMQP_SASL_METHOD_PLAIN, ci.user, ci.password), "login");
  amqp_channel_open(conn, 1);
  die_on_reply(amqp_get_rpc_reply(conn), "channel.open");
  amqp_basic_qos(conn, 1, 0, (uint16_t)prefetch, 0);
  die_on_reply(amqp_get_rpc_reply(conn), "basic.qos");
  amqp_basic_consume(conn, 1, amqp_cstring_bytes(argv[2]), amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
  die_on_reply(amqp_get_rpc_reply(conn), "basic.consume");

  for (long n = 1; n <= count; n++) {
    amqp_envelope_t env;
    amqp_maybe_release_buffers(conn);
    die_on_reply(amqp_consume_message(conn, &env, NULL, 0), "consume");
    fwrite(env.message.body.bytes, 1, env.message.body.len, stdout);
    if (n % ack_every == 0 || n == count) {
      fflush(stdout);
      if (amqp_basic_ack(conn, 1, env.delivery_tag, 1) != AMQP_STATUS_OK) { fprintf(stderr, "reference_consumer: ack failed\n"); return 69; }
    }
    amqp_destroy_envelope(&env);
  }
  die_on_reply(amqp_channel_close(conn, 1, AMQP_REPLY_SUCCESS), "channel.close");
  die_on_reply(amqp_connection_close(conn, AMQP_REPLY_SUCCESS), "connection.close");
  amqp_destroy_connection(conn);
  free(url);
  return 0;
}
