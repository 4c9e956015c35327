/* Reference publisher on librabbitmq with pipelined publisher confirms, for the W2 benchmark:
 * what the C library reaches when it waits for confirms the way mq does.
 *
 *   reference_publisher URL QUEUE [WINDOW] [MANDATORY] < lines
 *
 * Publishes each stdin line (without its newline) to QUEUE through the default exchange, in
 * confirm mode with at most WINDOW (default 1000) unconfirmed messages: when the window is full
 * it reads acks until half of it is free. MANDATORY 1 sets the mandatory flag, as mq does.
 * Exits 0 when every message was acked.
 * Build: cc -O2 -o reference_publisher reference_publisher.c -lrabbitmq */
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_on_reply(amqp_rpc_reply_t r, const char *what) {
  if (r.reply_type != AMQP_RESPONSE_NORMAL) { fprintf(stderr, "reference_publisher: %s failed\n", what); exit(1); }
}

static uint64_t published, confirmed;

/* Reads frames until at most `limit` messages are unconfirmed. */
static void settle(amqp_connection_state_t conn, uint64_t limit) {
  while (published - confirmed > limit) {
    amqp_frame_t frame;
    if (amqp_simple_wait_frame(conn, &frame) != AMQP_STATUS_OK) { fprintf(stderr, "reference_publisher: connection lost\n"); exit(69); }
    if (frame.frame_type != AMQP_FRAME_METHOD) continue;
    if (frame.payload.method.id == AMQP_BASIC_ACK_METHOD) {
      amqp_basic_ack_t *ack = frame.payload.method.decoded;
      confirmed = ack->delivery_tag;
    } else if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD || frame.payload.method.id == AMQP_BASIC_RETURN_METHOD) {
      fprintf(stderr, "reference_publisher: a message was nacked or returned\n");
      exit(2);
    }
    amqp_maybe_release_buffers(conn);
  }
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: %s URL QUEUE [WINDOW] [MANDATORY]\n", argv[0]); return 64; }
  struct amqp_connection_info ci;
  char *url = strdup(argv[1]);
  if (amqp_parse_url(url, &ci) != AMQP_STATUS_OK) { fprintf(stderr, "reference_publisher: bad URL\n"); return 64; }
  uint64_t window = argc > 3 ? strtoull(argv[3], NULL, 10) : 1000;
  int mandatory = argc > 4 ? atoi(argv[4]) : 0;

  amqp_connection_state_t conn = amqp_new_connection();
  amqp_socket_t *sock = amqp_tcp_socket_new(conn);
  if (!sock || amqp_socket_open(sock, ci.host, ci.port) != AMQP_STATUS_OK) { fprintf(stderr, "reference_publisher: connect failed\n"); return 69; }
  die_on_reply(amqp_login(conn, ci.vhost, 0, 131072, 60, AMQP_SASL_METHOD_PLAIN, ci.user, ci.password), "login");
  amqp_channel_open(conn, 1);
  die_on_reply(amqp_get_rpc_reply(conn), "channel.open");
  amqp_confirm_select(conn, 1);
  die_on_reply(amqp_get_rpc_reply(conn), "confirm.select");

  char *line = NULL;
  size_t capacity = 0;
  ssize_t length;
  amqp_bytes_t queue = amqp_cstring_bytes(argv[2]);
  while ((length = getline(&line, &capacity, stdin)) >= 0) {
    if (length > 0 && line[length - 1] == '\n') length--;
    if (published - confirmed >= window) settle(conn, window / 2);
    amqp_bytes_t body = {(size_t)length, line};
    if (amqp_basic_publish(conn, 1, amqp_empty_bytes, queue, mandatory, 0, NULL, body) != AMQP_STATUS_OK) {
      fprintf(stderr, "reference_publisher: publish failed\n");
      return 69;
    }
    published++;
  }
  settle(conn, 0);
  die_on_reply(amqp_channel_close(conn, 1, AMQP_REPLY_SUCCESS), "channel.close");
  die_on_reply(amqp_connection_close(conn, AMQP_REPLY_SUCCESS), "connection.close");
  amqp_destroy_connection(conn);
  free(line);
  free(url);
  return 0;
}
