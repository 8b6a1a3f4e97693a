/* The ring buffers and the record path: the only code an enabled
 * tracepoint runs. One CPU today; the ring is chosen by CPU number so
 * that more CPUs only need that number. */
#include <stdint.h>
#include <ts/arch/cpu.h>
#include <ts/arch/irq_save.h>
#include <ts/trace.h>

#define CAPACITY CONFIG_LIB_TRACE_RING_RECORDS
_Static_assert((CAPACITY & (CAPACITY - 1)) == 0,
	       "CONFIG_LIB_TRACE_RING_RECORDS must be a power of two");

/* In bss: the header is filled in by trace_init (control.c), so that
 * the image does not carry the ring's size in data. */
struct ts_trace_ring ts_trace_rings[TS_TRACE_NCPUS];
uint32_t ts_trace_tid;

extern const struct ts_trace_point __start_ts_trace_points[];

void ts_trace_record(const struct ts_trace_point *tp, unsigned int nargs,
		     const uint64_t *args)
{
	struct ts_trace_ring *r = &ts_trace_rings[0];
	struct ts_trace_record *e;
	/* Interrupts off from reserving the slot to the last store: an
	 * interrupt's own records then never interleave with this one,
	 * and timestamps follow slot order. */
	int irq_on = ts_arch_irq_save();
	uint64_t head;

	head = r->h.head;
	if (head >= CAPACITY && !(r->h.flags & TS_TRACE_F_OVERWRITE)) {
		r->h.dropped++;
		goto out;
	}
	r->h.head = head + 1;
	e = &r->rec[head & (CAPACITY - 1)];
	e->ticks = ts_arch_cycles();
	e->tid = ts_trace_tid;
	e->id = (uint16_t)(tp - __start_ts_trace_points);
	e->cpu = 0;
	e->nargs = (uint8_t)nargs;
	for (unsigned int i = 0; i < nargs; i++)
		e->args[i] = args[i];
out:
	ts_arch_irq_restore(irq_on);
}
