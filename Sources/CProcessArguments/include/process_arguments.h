#ifndef MQ_PROCESS_ARGUMENTS_H
#define MQ_PROCESS_ARGUMENTS_H

/// How many words the process was started with (the program name included).
int process_argument_count(void);

/// Word `index` of the process's command line, or NULL past the end.
const char *process_argument(int index);

#endif
