/* Test app for lib/initrd: the image tests boot it with an initrd made
 * from a folder (make run ROOTFS=) and check what it finds. */
#include <stdio.h>

int main(void)
{
	printf("initrdcheck: done\n");
	return 0;
}
