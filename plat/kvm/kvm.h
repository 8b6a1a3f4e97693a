/* Shared by the files of plat/kvm only. */
#ifndef KVM_KVM_H
#define KVM_KVM_H

#include <stdint.h>

void kvm_console_init(void);
void kvm_console_flush(void);

/* Physical memory table (memmap.c). Free RAM never includes page 0, the
 * image or boot modules; entries are clipped to whole pages. */
void kvm_mem_init(void);
void kvm_mem_reserve_module(uint64_t start, uint64_t end);
void kvm_mem_add_e820(uint64_t base, uint64_t len, uint32_t type);
void kvm_mem_done(void);

/* Boot information parsers: fill the memory table and command line. */
void kvm_multiboot_parse(uint32_t magic, const void *info);
void kvm_pvh_parse(const void *info);

/* Is [addr, addr+len) readable during boot (the boot page tables map
 * all of the low 4 GiB, page 0 too: QEMU's PVH loader puts its memory
 * map there)? Guards against garbage pointers from a loader. */
int kvm_boot_readable(uint64_t addr, uint64_t len);

/* Copy the NUL-terminated command line at paddr (checks bounds). With
 * skip_name, the first word (the image's file name, which Multiboot
 * loaders put first) is left out. */
void kvm_cmdline_from(uint64_t paddr, const char *proto, int skip_name);

#endif
