/* The loops of bench/syscall, one file (loops.c) for both sides: the
 * image (main.c, bench/syscallbench) and the Linux guest's /init
 * (linux-init.c, built by bench/syscall). calls.h says how each side
 * reads the CPU counter and makes the calls. */
#ifndef SYSCALLBENCH_LOOPS_H
#define SYSCALLBENCH_LOOPS_H

#include <stdint.h>

/* Runs every loop reps times, interleaved, n calls each (after one
 * unprinted warm-up round), printing "syscallbench: LOOP N TICKS" per
 * run; fd is the descriptor the write loops write to. 0, or 1 after
 * printing why a call failed. */
int syscallbench_run(long n, int reps, int fd, int with_write1);

#endif
