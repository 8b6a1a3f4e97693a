/* Shared by the files of plat/kvm only (what it shares with plat/xen on
 * x86_64 is plat/pc's, <ts/pc.h>). */
#ifndef KVM_KVM_H
#define KVM_KVM_H

#include <stdint.h>

/* Multiboot 1 boot information (multiboot.c): the memory table, modules
 * and command line from the structure at physical address info. */
void kvm_multiboot_parse(uint32_t magic, uint64_t info);

#endif
