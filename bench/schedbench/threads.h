/* The thread figures of bench/schedbench, each one run of n rounds, in
 * ns for all of them: threads.c, which bench/sched-native builds for the host as
 * well (there with the prefix tsh_). */
#ifndef SCHEDBENCH_THREADS_H
#define SCHEDBENCH_THREADS_H

#include <stdint.h>

uint64_t schedbench_yield_rt(long n);
uint64_t schedbench_condvar_rt(long n);
uint64_t schedbench_create_join(long n);

#endif
