# mq: build and test. `make test` starts a throwaway RabbitMQ (scripts/broker) unless MQ_TEST_URL
# already points at a broker.
SWIFT ?= swift

.PHONY: build test broker broker-stop

build:
	$(SWIFT) build

test:
	@if [ -z "$$MQ_TEST_URL" ]; then scripts/broker start; fi
	MQ_TEST_URL="$${MQ_TEST_URL:-$$(scripts/broker url)}" $(SWIFT) test

broker:
	scripts/broker start

broker-stop:
	scripts/broker stop
