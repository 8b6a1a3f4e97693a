#include <ts/test.h>
