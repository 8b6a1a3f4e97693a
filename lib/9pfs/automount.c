/* The share of the command line: 9pfs.mount=/path mounts the 9p share
 * 9pfs.tag there at boot, making the folder first (make run SHARE=folder
 * passes 9pfs.mount=/share). */
#include <errno.h>
#include <stddef.h>
#include <ts/init.h>
#include <ts/param.h>
#include <ts/plat/console.h>
#include <ts/vfs.h>

static const char *param_mount;
static const char *param_tag = "share";
TS_PARAM_STR(9pfs, mount, param_mount,
	     "mount the host's shared folder (9pfs.tag) at this path at boot");
TS_PARAM_STR(9pfs, tag, param_tag,
	     "mount tag of the share 9pfs.mount mounts (default share)");

/* lib/vfs's path layer (mounts, mkdir) is still being written (issue
 * 13): until it is in the image, 9pfs.mount says it cannot mount. */
int ts_vfs_mount(const char *source, const char *target, const char *fstype,
		 unsigned long flags, const char *opts) __attribute__((weak));
int ts_vfs_mkdir(const char *path, uint32_t mode) __attribute__((weak));

static int p9fs_automount(void)
{
	int rc;

	if (!param_mount || !*param_mount)
		return 0;
	if (!ts_vfs_mount || !ts_vfs_mkdir) {
		ts_printk("9pfs: 9pfs.mount=%s: this image has no path layer "
			  "to mount on\n", param_mount);
		return 0;
	}
	rc = ts_vfs_mkdir(param_mount, 0755);
	if (!rc || rc == -EEXIST)
		rc = ts_vfs_mount(param_tag, param_mount, "9p", 0, NULL);
	/* The image goes on without the share, saying why. */
	if (rc)
		ts_printk("9pfs: cannot mount the share '%s' at %s: %s (%d)\n",
			  param_tag, param_mount,
			  rc == -ENODEV ? "no 9p device with that mount tag "
					  "(make run SHARE=folder)" :
			  rc == -ENOENT ? "no such folder in the image" :
			  "error", rc);
	return 0;
}
TS_INIT(p9fs_automount, TS_INIT_FS);
