/* musl's start-up, run as on Linux: lib/boot hands main's argc, argv
 * and the command line's environment to start(), which lays out what a
 * Linux process finds on its initial stack (argv, NULL, envp, NULL, the
 * auxiliary vector) and calls musl's __libc_start_main. That runs
 * __init_libc (page size, random bytes, hwcap, the TLS image), the
 * constructors, main(argc, argv, envp), and exit(), which runs the
 * atexit handlers, flushes stdio and ends in exit_group: lib/syscall
 * powers off with the status. */
#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/debug.h>
#include <ts/init.h>
#include <ts/plat/time.h>
#include "start.h"

int __libc_start_main(int (*main)(int, char **, char **), int argc,
		      char **argv, void (*init)(void), void (*fini)(void),
		      void (*ldso)(void));
int main(int argc, char **argv, char **envp);
/* Optional for a platform (<ts/plat/time.h>): kvm has one. */
uint64_t ts_plat_wall_clock_ns(void) __attribute__((weak));

/* The image's TLS template, from the linker script: .tdata from
 * __ts_tls_start to __ts_tls_data_end, .tbss on to __ts_tls_end,
 * aligned to the absolute __ts_tls_align. Weak: an image whose script
 * has none gets no PT_TLS (musl then sets up a TLS of its own data
 * only). */
extern const char __ts_tls_start[] __attribute__((weak));
extern const char __ts_tls_data_end[] __attribute__((weak));
extern const char __ts_tls_end[] __attribute__((weak));
extern const char __ts_tls_align[] __attribute__((weak));

/* The program headers musl's static __init_tls reads through AT_PHDR:
 * PT_PHDR (so that it computes a load base of 0) and PT_TLS. */
static Elf64_Phdr phdrs[2];
static unsigned char random_bytes[16];

#define AUX_MAX 16

static unsigned int make_phdrs(void)
{
	unsigned int n = 0;

	phdrs[n++] = (Elf64_Phdr){
		.p_type = PT_PHDR,
		.p_flags = PF_R,
		.p_vaddr = (uintptr_t)phdrs,
		.p_paddr = (uintptr_t)phdrs,
		.p_filesz = sizeof(phdrs),
		.p_memsz = sizeof(phdrs),
		.p_align = 8,
	};
	uintptr_t start = (uintptr_t)__ts_tls_start;

	if (start && (uintptr_t)__ts_tls_end > start)
		phdrs[n++] = (Elf64_Phdr){
			.p_type = PT_TLS,
			.p_flags = PF_R,
			.p_vaddr = start,
			.p_paddr = start,
			.p_filesz = (uintptr_t)__ts_tls_data_end - start,
			.p_memsz = (uintptr_t)__ts_tls_end - start,
			.p_align = (uintptr_t)__ts_tls_align ?: 1,
		};
	return n;
}

/* splitmix64: spreads the counter's bits over the 16 bytes. */
static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* AT_RANDOM: musl seeds its stack-protector canary and pointer guard
 * with these. No entropy source on every platform: the CPU counter
 * (which runs from reset and differs between boots by the firmware's
 * and the loader's timing) and the wall clock. Not cryptographic. */
static void make_random(void)
{
	uint64_t s = ts_plat_ticks();
	uint64_t a, b;

	if (ts_plat_wall_clock_ns)
		s ^= ts_plat_wall_clock_ns() << 17;
	a = mix(&s);
	b = mix(&s);

	memcpy(random_bytes, &a, 8);
	memcpy(random_bytes + 8, &b, 8);
}

static _Noreturn void start(int argc, char **argv, char **envp)
{
	int envc = 0, n = 0;
	unsigned int nph = make_phdrs();
	char **v;
	unsigned long *aux;

	while (envp[envc])
		envc++;
	/* argv, NULL, envp, NULL, then the auxiliary vector: one block,
	 * as on a Linux initial stack (musl finds each after the one
	 * before). Never freed: environ and argv live as long as the
	 * program. */
	v = malloc(sizeof(char *) * (size_t)(argc + 1 + envc + 1) +
		   sizeof(unsigned long) * 2 * AUX_MAX);
	if (!v)
		ts_panic("musl: no memory for main's arguments");
	for (int i = 0; i < argc; i++)
		v[n++] = argv[i];
	v[n++] = NULL;
	for (int i = 0; i < envc; i++)
		v[n++] = envp[i];
	v[n++] = NULL;
	aux = (unsigned long *)(v + n);
	make_random();
#define AUX(type, value) (*aux++ = (type), *aux++ = (unsigned long)(value))
	AUX(AT_PHDR, phdrs);
	AUX(AT_PHENT, sizeof(Elf64_Phdr));
	AUX(AT_PHNUM, nph);
	AUX(AT_PAGESZ, 4096);
	AUX(AT_RANDOM, random_bytes);
	AUX(AT_HWCAP, musl_hwcap());
	AUX(AT_CLKTCK, 100);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_EXECFN, v[0]);
	AUX(AT_NULL, 0);
#undef AUX
	__libc_start_main(main, argc, v, NULL, NULL, NULL);
	/* __libc_start_main ends in exit(). */
	ts_panic("musl: __libc_start_main returned");
}

static int musl_start_init(void)
{
	ts_boot_set_main_entry(start);
	return 0;
}
TS_INIT(musl_start_init, TS_INIT_LATE);
