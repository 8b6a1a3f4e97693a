/* The PC's real-time clock (Motorola MC146818 compatible, in the chipset
 * behind ports 0x70/0x71): the date at boot, for lib/time's wall clock.
 * QEMU sets it from the host's clock (UTC unless -rtc base=localtime). */
#include <stdint.h>
#include <ts/arch/x86.h>
#include <ts/plat/time.h>

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define NMI_OFF		0x80	/* keep NMIs masked while selecting */

#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define RTC_CENTURY	0x32	/* where the ACPI FADT usually says */

#define STATUS_A_UIP	0x80	/* update in progress */
#define STATUS_B_24H	0x02
#define STATUS_B_BINARY	0x04
#define HOURS_PM	0x80

static uint8_t cmos(uint8_t reg)
{
	outb(CMOS_INDEX, NMI_OFF | reg);
	return inb(CMOS_DATA);
}

struct rtc_time {
	uint8_t sec, min, hour, day, mon, year, century;
};

static void read_once(struct rtc_time *t)
{
	t->sec = cmos(RTC_SECONDS);
	t->min = cmos(RTC_MINUTES);
	t->hour = cmos(RTC_HOURS);
	t->day = cmos(RTC_DAY);
	t->mon = cmos(RTC_MONTH);
	t->year = cmos(RTC_YEAR);
	t->century = cmos(RTC_CENTURY);
}

static int same(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour &&
	       a->day == b->day && a->mon == b->mon && a->year == b->year &&
	       a->century == b->century;
}

static unsigned int bcd(uint8_t v)
{
	return (v >> 4) * 10 + (v & 0xf);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	int64_t era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

uint64_t ts_plat_wall_clock_ns(void)
{
	struct rtc_time a, b;
	unsigned int sec, min, hour, day, mon, year, century;
	int tries = 10, pm;
	uint8_t status_b;

	/* A read during the once-a-second update may mix two seconds:
	 * wait for no update, then read until two reads agree. */
	do {
		for (long spin = 0; (cmos(RTC_STATUS_A) & STATUS_A_UIP) &&
		     spin < 1000000; spin++)
			;
		read_once(&a);
		read_once(&b);
	} while (!same(&a, &b) && --tries);
	if (!tries)
		return 0;

	status_b = cmos(RTC_STATUS_B);
	pm = !(status_b & STATUS_B_24H) && (a.hour & HOURS_PM);
	a.hour &= ~HOURS_PM;
	if (status_b & STATUS_B_BINARY) {
		sec = a.sec, min = a.min, hour = a.hour;
		day = a.day, mon = a.mon, year = a.year, century = a.century;
	} else {
		sec = bcd(a.sec), min = bcd(a.min), hour = bcd(a.hour);
		day = bcd(a.day), mon = bcd(a.mon), year = bcd(a.year);
		century = bcd(a.century);
	}
	if (pm)
		hour = hour % 12 + 12;
	else if (!(status_b & STATUS_B_24H) && hour == 12)
		hour = 0;
	/* No century register on some machines: assume this one. */
	if (century < 19 || century > 99)
		century = 20;
	if (sec > 59 || min > 59 || hour > 23 || day < 1 || day > 31 ||
	    mon < 1 || mon > 12 || year > 99)
		return 0;
	return ((uint64_t)days_from_civil(century * 100 + year, mon, day) *
		86400 + hour * 3600 + min * 60 + sec) * 1000000000ULL;
}
