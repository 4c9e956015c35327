# mq: build and test. `make test` starts a throwaway RabbitMQ (scripts/broker) unless MQ_TEST_URL
# already points at a broker.
SWIFT ?= swift

.PHONY: build test demo broker broker-stop

build:
	$(SWIFT) build

test:
	@if [ -z "$$MQ_TEST_URL" ]; then scripts/broker start; fi
	MQ_TEST_URL="$${MQ_TEST_URL:-$$(scripts/broker url)}" $(SWIFT) test

# The seed scenario against the local test broker.
demo: build broker
	@export MQ_URL="$$(scripts/broker url)" mq="$$($(SWIFT) build --show-bin-path)/mq"; set -x; \
	  "$$mq" declare queue fila_notificacoes && \
	  "$$mq" publish --queue fila_notificacoes 'Hello World!' && \
	  "$$mq" consume fila_notificacoes --count 1

broker:
	scripts/broker start

broker-stop:
	scripts/broker stop
