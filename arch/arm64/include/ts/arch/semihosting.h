/* Arm semihosting: requests to a debugger or to QEMU (run with
 * -semihosting-config enable=on,target=native). The "hlt #0xf000" trap
 * is an undefined instruction on hardware without a debugger attached,
 * so only images built for QEMU use it (a platform Kconfig option). */
#ifndef TS_ARCH_SEMIHOSTING_H
#define TS_ARCH_SEMIHOSTING_H

/* End the emulation; QEMU exits with code (0-255). Returns only if
 * nobody handled the request (no semihosting). */
void ts_arm64_semihosting_exit(unsigned int code);

#endif
