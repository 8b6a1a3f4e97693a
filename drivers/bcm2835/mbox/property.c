/* Building and checking property-interface messages. No device access
 * here, so the host unit tests run this file as it is. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/bcm2835/mbox.h>

#define CODE_REQUEST	0x00000000
#define CODE_SUCCESS	0x80000000
#define TAG_RESPONSE	0x80000000	/* in the tag's length word */
#define TAG_END		0

/* Words before a tag's value: id, buffer size, request/response. */
#define TAG_HEADER	3
/* Words around the tags: total size, code ... end tag. */
#define MSG_OVERHEAD	3

size_t ts_bcm2835_mbox_build(uint32_t *msg, size_t cap, uint32_t tag,
			     const uint32_t *in, unsigned int in_words,
			     unsigned int buf_words)
{
	size_t words = MSG_OVERHEAD + TAG_HEADER + (size_t)buf_words;
	unsigned int i;

	if (buf_words < in_words || words > cap)
		return 0;
	msg[0] = (uint32_t)(words * 4);
	msg[1] = CODE_REQUEST;
	msg[2] = tag;
	msg[3] = buf_words * 4;
	msg[4] = in_words * 4;		/* request: what the value holds */
	for (i = 0; i < buf_words; i++)
		msg[5 + i] = i < in_words ? in[i] : 0;
	msg[5 + buf_words] = TAG_END;
	return words;
}

int ts_bcm2835_mbox_parse(const uint32_t *msg, size_t msg_words,
			  uint32_t tag, uint32_t *out, unsigned int out_words)
{
	uint32_t buf_bytes, resp, len;
	unsigned int i, have;

	if (msg_words < MSG_OVERHEAD + TAG_HEADER)
		return -EPROTO;
	if (msg[1] != CODE_SUCCESS)
		return -EIO;		/* 0x80000001: parse error */
	if (msg[2] != tag)
		return -EPROTO;
	buf_bytes = msg[3];
	resp = msg[4];
	if (!(resp & TAG_RESPONSE))
		return -EIO;		/* the firmware did not know the tag */
	if (buf_bytes / 4 > msg_words - MSG_OVERHEAD - TAG_HEADER)
		return -EPROTO;
	len = resp & ~TAG_RESPONSE;
	/* An answer longer than the buffer is cut by the firmware; copy
	 * what is there. */
	have = (len < buf_bytes ? len : buf_bytes) / 4;
	if ((len < buf_bytes ? len : buf_bytes) % 4)
		have++;
	if (have > buf_bytes / 4)
		have = buf_bytes / 4;
	for (i = 0; i < out_words; i++)
		out[i] = i < have ? msg[5 + i] : 0;
	return (int)len;
}
