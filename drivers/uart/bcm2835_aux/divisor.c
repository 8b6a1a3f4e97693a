/* The mini UART's baud divisor: plain arithmetic, unit-tested on the
 * host. */
#include <stdint.h>
#include <ts/uart/bcm2835_aux.h>

#define MAX_ERR_PERMILLE	30

int ts_bcm2835_aux_divisor(uint32_t clock_hz, uint32_t baud,
			   unsigned int *err_permille)
{
	uint64_t div8, real, diff;
	uint64_t d;

	if (baud == 0 || clock_hz == 0)
		return -1;
	div8 = 8ULL * baud;
	/* Nearest: (clock + div8 / 2) / div8 is divisor + 1. */
	d = ((uint64_t)clock_hz + div8 / 2) / div8;
	if (d == 0 || d - 1 > 0xffff)
		return -1;
	real = (uint64_t)clock_hz / (8 * d);
	diff = real > baud ? real - baud : baud - real;
	/* Beyond 3% the other side's UART misreads bytes. */
	if (diff * 1000 / baud > MAX_ERR_PERMILLE)
		return -1;
	if (err_permille)
		*err_permille = (unsigned int)(diff * 1000 / baud);
	return (int)(d - 1);
}
