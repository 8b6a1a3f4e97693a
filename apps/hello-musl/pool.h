/* A pool of pthreads sharing a job queue (pool.c). */
#ifndef HELLO_MUSL_POOL_H
#define HELLO_MUSL_POOL_H

/* 0, or -1 after printing what failed. */
int pool_run(void);

#endif
