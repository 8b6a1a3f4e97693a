/* The 9p file system in an image, through lib/vfs's nodes and files
 * (the path layer's view of it), against the folder QEMU shares under
 * the tag test-9pfs (tests/image/cases_9p.py fills it and checks it
 * afterwards): suite 9pfs. Skipped without that share. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/9p.h>
#include <ts/test.h>
#include <ts/vfs.h>

static struct ts_mount mnt;
static struct ts_vnode *root;

static struct ts_vnode *mounted(void)
{
	if (root)
		return root;
	/* A share of its own (a channel has one client at a time). */
	if (!ts_9p_transport_find("test-9pfs"))
		TS_SKIP("no 9p share tagged test-9pfs (tests/image/cases_9p.py)");
	mnt.type = ts_fs_type_find("9p");
	TS_REQUIRE(mnt.type != NULL);
	TS_REQUIRE_EQ(mnt.type->mount(&mnt, "test-9pfs", NULL, &root), 0);
	TS_REQUIRE(S_ISDIR(root->mode));
	return root;
}

static struct ts_vnode *lookup(struct ts_vnode *dir, const char *name)
{
	struct ts_vnode *n = NULL;

	TS_REQUIRE_EQ(dir->ops->lookup(dir, name, strlen(name), &n), 0);
	return n;
}

/* Open n as the path layer does: a file holding a node reference. */
static struct ts_file *open_node(struct ts_vnode *n, unsigned int flags)
{
	struct ts_file *f = ts_file_new(n->fops, NULL, flags, NULL);

	TS_REQUIRE(f != NULL);
	ts_vnode_get(n);
	f->node = n;
	TS_REQUIRE_EQ(n->ops->open(n, f), 0);
	return f;
}

static struct ts_vnode *create(struct ts_vnode *dir, const char *name,
			       uint32_t mode)
{
	struct ts_vnode *n = NULL;

	TS_REQUIRE_EQ(dir->ops->create(dir, name, strlen(name), mode, 0, &n),
		      0);
	return n;
}

TS_TEST(9pfs, read_and_write_files)
{
	struct ts_vnode *r = mounted(), *n;
	struct ts_file *f;
	struct stat st;
	char text[256];
	const char *prefix = "9p-test:";
	long len;

	n = lookup(r, "hello.txt");
	f = open_node(n, TS_O_RDONLY);
	TS_EXPECT_EQ(ts_vfs_fstat(f, &st), 0);
	TS_EXPECT(S_ISREG(st.st_mode));
	len = ts_vfs_read(f, text, sizeof(text));
	TS_EXPECT_EQ((long long)len, (long long)st.st_size);
	TS_REQUIRE(len >= (long)strlen(prefix));
	TS_REQUIRE(!memcmp(text, prefix, strlen(prefix)));
	/* At the end: 0. Back to 3 and read again. */
	TS_EXPECT_EQ(ts_vfs_read(f, text + len, 10), 0L);
	TS_EXPECT_EQ(f->ops->seek(f, 3, SEEK_SET), 3LL);
	TS_EXPECT_EQ(ts_vfs_read(f, text + len, 2), 2L);
	TS_EXPECT(!memcmp(text + len, text + 3, 2));
	TS_EXPECT_EQ(f->ops->seek(f, 0, SEEK_END), (long long)len);
	ts_file_put(f);
	ts_vnode_put(n);

	/* What the host checks: the text with this suite's name. */
	n = create(r, "fs-new.txt", S_IFREG | 0644);
	TS_EXPECT(S_ISREG(n->mode));
	f = open_node(n, TS_O_WRONLY);
	TS_EXPECT_EQ(ts_vfs_write(f, "9pfs:", 5), 5L);
	TS_EXPECT_EQ(ts_vfs_write(f, text + strlen(prefix),
				  (size_t)len - strlen(prefix)),
		     len - (long)strlen(prefix));
	TS_EXPECT_EQ(f->ops->fsync(f), 0);
	TS_EXPECT_EQ(ts_vfs_fstat(f, &st), 0);
	TS_EXPECT_EQ((long long)st.st_size,
		     (long long)(len - (long)strlen(prefix) + 5));
	ts_file_put(f);
	ts_vnode_put(n);
}

TS_TEST(9pfs, errors)
{
	struct ts_vnode *r = mounted(), *n = NULL;
	struct ts_mount m2 = { .type = mnt.type };
	struct ts_file *f;
	char buf[8];

	/* No share by that tag; one that is mounted already. */
	TS_EXPECT_EQ(mnt.type->mount(&m2, "no-such-tag", NULL, &n), -ENODEV);
	TS_EXPECT_EQ(mnt.type->mount(&m2, "test-9pfs", NULL, &n), -EBUSY);

	TS_EXPECT_EQ(r->ops->lookup(r, "no-such-file", 12, &n), -ENOENT);
	TS_EXPECT_EQ(r->ops->create(r, "hello.txt", 9, S_IFREG | 0644, 0, &n),
		     -EEXIST);
	TS_EXPECT_EQ(r->ops->create(r, "fifo", 4, S_IFIFO | 0644, 0, &n),
		     -EPERM);
	TS_EXPECT_EQ(r->ops->unlink(r, "no-such-file", 12), -ENOENT);
	TS_EXPECT_EQ(r->ops->rmdir(r, "sub", 3), -ENOTEMPTY);
	/* A directory is not read as a file. */
	n = lookup(r, "sub");
	f = open_node(n, TS_O_RDONLY);
	TS_EXPECT_EQ(ts_vfs_read(f, buf, sizeof(buf)), -(long)EISDIR);
	ts_file_put(f);
	ts_vnode_put(n);
}

struct dirent64_abi {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

TS_TEST(9pfs, getdents)
{
	struct ts_vnode *r = mounted(), *n = lookup(r, "sub");
	struct ts_file *f = open_node(n, TS_O_RDONLY);
	/* 32 bytes: one record at a time ("a": 24 bytes). */
	uint64_t buf[4];
	int seen = 0, calls = 0, i;
	long got;

	for (i = 0; i < 2; i++) {
		seen = calls = 0;
		while ((got = f->ops->getdents(f, buf, sizeof(buf))) > 0) {
			struct dirent64_abi *d = (void *)buf;

			TS_EXPECT_EQ(got, (long)d->d_reclen);
			calls++;
			if (!strcmp(d->d_name, "a") || !strcmp(d->d_name, "b")) {
				TS_EXPECT_EQ(d->d_type, DT_REG);
				seen++;
			} else if (strcmp(d->d_name, ".") &&
				   strcmp(d->d_name, "..")) {
				TS_FAIL(d->d_name);
			}
		}
		TS_EXPECT_EQ(got, 0L);
		TS_EXPECT_EQ(seen, 2);
		TS_EXPECT_EQ(calls, 4);
		/* rewinddir, and the same again. */
		TS_EXPECT_EQ(f->ops->seek(f, 0, SEEK_SET), 0LL);
	}
	/* Room for no record at all (at the end there is nothing to put
	 * in it: 0, as on Linux). */
	TS_EXPECT_EQ(f->ops->getdents(f, buf, 8), -(long)EINVAL);
	while (f->ops->getdents(f, buf, sizeof(buf)) > 0)
		;
	TS_EXPECT_EQ(f->ops->getdents(f, buf, 8), 0L);
	ts_file_put(f);
	ts_vnode_put(n);
}

TS_TEST(9pfs, mkdir_rename_unlink_truncate)
{
	struct ts_vnode *r = mounted(), *d, *n;
	struct ts_vattr va = { .valid = TS_VA_SIZE, .size = 4 };
	struct ts_file *f;

	d = create(r, "fs-dir", S_IFDIR | 0755);
	TS_EXPECT(S_ISDIR(d->mode));
	ts_vnode_put(create(r, "fs-old", S_IFREG | 0600));
	TS_EXPECT_EQ(r->ops->rename(r, "fs-old", 6, d, "fs-moved", 8), 0);
	n = lookup(d, "fs-moved");
	TS_EXPECT(S_ISREG(n->mode));
	ts_vnode_put(n);
	ts_vnode_put(d);
	ts_vnode_put(create(r, "fs-gone", S_IFREG | 0600));
	TS_EXPECT_EQ(r->ops->unlink(r, "fs-gone", 7), 0);
	TS_EXPECT_EQ(r->ops->lookup(r, "fs-gone", 7, &n), -ENOENT);

	n = lookup(r, "fs-trunc.txt");
	TS_EXPECT_EQ(n->ops->setattr(n, &va), 0);
	TS_EXPECT_EQ((long long)n->size, 4LL);
	/* O_TRUNC empties a file opened for writing. */
	ts_vnode_put(n);
	n = lookup(r, "fs-empty.txt");
	f = open_node(n, TS_O_WRONLY | TS_O_TRUNC);
	TS_EXPECT_EQ((long long)n->size, 0LL);
	ts_file_put(f);
	ts_vnode_put(n);
}
