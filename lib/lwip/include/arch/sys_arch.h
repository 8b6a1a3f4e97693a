/* lwIP's operating-system types (lwip/sys.h includes it): handles of
 * objects lib/lwip's sys_arch.c makes on lib/sched (a semaphore, a
 * mutex, a mailbox of pointers, a thread). A NULL handle is an invalid
 * one. lwIP's own files see only these pointers, so they need none of
 * Tessera's headers. */
#ifndef TS_LWIP_ARCH_SYS_ARCH_H
#define TS_LWIP_ARCH_SYS_ARCH_H

struct ts_lwip_sem;
struct ts_lwip_mutex;
struct ts_lwip_mbox;
struct ts_thread;

typedef struct ts_lwip_sem *sys_sem_t;
typedef struct ts_lwip_mutex *sys_mutex_t;
typedef struct ts_lwip_mbox *sys_mbox_t;
typedef struct ts_thread *sys_thread_t;
typedef int sys_prot_t;		/* whether interrupts were on */

#define SYS_MBOX_NULL	NULL
#define SYS_SEM_NULL	NULL

#define sys_sem_valid(s)		(*(s) != NULL)
#define sys_sem_valid_val(s)		((s) != NULL)
#define sys_sem_set_invalid(s)		(*(s) = NULL)
#define sys_sem_set_invalid_val(s)	((s) = NULL)
#define sys_mutex_valid(m)		(*(m) != NULL)
#define sys_mutex_valid_val(m)		((m) != NULL)
#define sys_mutex_set_invalid(m)	(*(m) = NULL)
#define sys_mutex_set_invalid_val(m)	((m) = NULL)
#define sys_mbox_valid(b)		(*(b) != NULL)
#define sys_mbox_valid_val(b)		((b) != NULL)
#define sys_mbox_set_invalid(b)		(*(b) = NULL)
#define sys_mbox_set_invalid_val(b)	((b) = NULL)

#endif
