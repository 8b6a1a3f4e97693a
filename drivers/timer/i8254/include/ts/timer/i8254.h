/* The PC's 8254 programmable interval timer (PIT), polled. */
#ifndef TS_TIMER_I8254_H
#define TS_TIMER_I8254_H

#include <stdint.h>

/* Input clock: the 14.31818 MHz PC crystal / 12 = 1193181.67 Hz, exactly
 * TS_I8254_HZ_NUM / TS_I8254_HZ_DEN. */
#define TS_I8254_HZ_NUM	3579545ULL
#define TS_I8254_HZ_DEN	3ULL

/* Put channel 0 (the firmware's periodic IRQ 0 tick) into one-shot mode
 * so that it stops after one last interrupt. */
void ts_i8254_stop_tick(void);

/* Channel 2 as a free-running reference (gate open, speaker off, no
 * interrupt): it counts down from 0xffff, wrapping, one step per input
 * clock; ts_i8254_counter_read() latches and reads the count. A missing
 * PIT reads 0xffff forever. ts_i8254_counter_stop() closes the gate. */
void ts_i8254_counter_start(void);
uint16_t ts_i8254_counter_read(void);
void ts_i8254_counter_stop(void);

#endif
