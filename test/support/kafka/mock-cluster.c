/*
 * A Kafka-protocol cluster for tests: librdkafka's mock cluster (rdkafka_mock.h)
 * with N brokers listening on 127.0.0.1, in memory, nothing else to install.
 *
 *   mock-cluster <brokers> <topic>:<partitions> [<topic>:<partitions>...]
 *
 * Prints "bootstrap <host:port,...>" on stdout once it serves, then reads
 * commands on stdin, one per line, answering "ok <command>" when done:
 *   down <broker id|all>   the broker stops answering (connections closed)
 *   up <broker id|all>     it serves again
 * Brokers are numbered 1..N; every topic is replicated on all of them.
 * It exits when stdin closes (its parent went away) or on SIGTERM/SIGINT.
 * Built by test/support/kafka/build.sh.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static void set_state(rd_kafka_mock_cluster_t *cluster, int brokers, const char *which, int up) {
  int from = 1, to = brokers;
  if (strcmp(which, "all") != 0) from = to = atoi(which);
  for (int id = from; id <= to; id++) {
    rd_kafka_resp_err_t err = up ? rd_kafka_mock_broker_set_up(cluster, id)
                                 : rd_kafka_mock_broker_set_down(cluster, id);
    if (err) fprintf(stderr, "broker %d: %s\n", id, rd_kafka_err2str(err));
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <brokers> <topic>:<partitions>...\n", argv[0]);
    return 2;
  }
  int brokers = atoi(argv[1]);
  if (brokers < 1 || brokers > 9) {
    fprintf(stderr, "brokers must be 1..9\n");
    return 2;
  }
  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  /* The handle only hosts the mock cluster; quiet unless something is wrong. */
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk) {
    fprintf(stderr, "rd_kafka_new: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (!cluster) {
    fprintf(stderr, "could not start the mock cluster\n");
    return 1;
  }
  for (int i = 2; i < argc; i++) {
    char *colon = strrchr(argv[i], ':');
    int partitions = colon ? atoi(colon + 1) : 1;
    if (colon) *colon = '\0';
    rd_kafka_resp_err_t err =
        rd_kafka_mock_topic_create(cluster, argv[i], partitions > 0 ? partitions : 1, brokers);
    if (err) {
      fprintf(stderr, "topic %s: %s\n", argv[i], rd_kafka_err2str(err));
      return 1;
    }
  }
  printf("bootstrap %s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);

  char line[256], which[32];
  while (fgets(line, sizeof line, stdin)) {
    if (sscanf(line, "down %31s", which) == 1) {
      set_state(cluster, brokers, which, 0);
    } else if (sscanf(line, "up %31s", which) == 1) {
      set_state(cluster, brokers, which, 1);
    } else {
      fprintf(stderr, "unknown command: %s", line);
      continue;
    }
    line[strcspn(line, "\n")] = '\0';
    printf("ok %s\n", line);
    fflush(stdout);
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
