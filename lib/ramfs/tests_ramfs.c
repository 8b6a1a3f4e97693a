/* ramfs's own behaviour (suite ramfs): sparse files, truncation, hard
 * links, directories read while they change. */
#include <ts/test.h>
