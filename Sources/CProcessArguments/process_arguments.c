// The command line as the process was started with it. glibc passes argc and argv to every
// function in .init_array before main runs, so they are kept here without reading /proc (which a
// chroot or a minimal container may not have mounted).
#include "process_arguments.h"

#include <stddef.h>

static int saved_count;
static char **saved_words;

static void keep_arguments(int count, char **words, char **environment) {
    (void)environment;
    saved_count = count;
    saved_words = words;
}

__attribute__((used, section(".init_array"))) static void (*const keep_arguments_at_start)(int, char **, char **) = keep_arguments;

int process_argument_count(void) { return saved_count; }

const char *process_argument(int index) {
    return index >= 0 && index < saved_count ? saved_words[index] : NULL;
}
