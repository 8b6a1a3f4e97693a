"""The configuration step as a user meets it: a Kconfig failure stops the
build, a hand edit of the .config that cannot take effect is refused with
its line, and an app.config change reaches an existing build; the layers
target defconfig < app.config < FRAGMENT= override one another silently.
Every build is checked against the .config embedded in its image."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check, make  # noqa: E402

HELLO = os.path.join(ROOT, "apps", "helloworld")
FIX = os.path.join(ROOT, "tests", "build", "fixtures")
EXTRACT = os.path.join(ROOT, "support", "scripts", "extract-config")
APP_CONFIG_UK = ('config APP_HELLOWORLD_ARGS\n\tbool "Print the command-line arguments"\n'
                 '\tdefault y\n')


def app_copy(name, app_config=None):
    """helloworld in a folder of its own outside the tree (its Config.uk and
    app.config can be edited without touching the real one); the build
    folder is its build/."""
    app = os.path.join(BUILD, name)
    shutil.rmtree(app, ignore_errors=True)
    os.makedirs(app)
    for f in ("Makefile.uk", "main.c"):
        shutil.copy(os.path.join(HELLO, f), app)
    write(os.path.join(app, "Config.uk"), APP_CONFIG_UK)
    write(os.path.join(app, "Makefile"),
          f"TS_APP_DIR := $(CURDIR)\ninclude {ROOT}/Makefile\n")
    if app_config is not None:
        write(os.path.join(app, "app.config"), app_config)
    return app, os.path.join(app, "build")


def write(path, text):
    with open(path, "wb" if isinstance(text, bytes) else "w") as f:
        f.write(text)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def settings(text):
    """CONFIG_ name -> value (strings unquoted) of the lines that set one."""
    out = {}
    for line in text.splitlines():
        m = re.match(r'^CONFIG_(\w+)=(.*)$', line)
        if m:
            v = m.group(2)
            if v.startswith('"'):
                v = v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            out[m.group(1)] = v
    return out


def autoconf(odir):
    """The values the objects were compiled with (make's auto.conf)."""
    out = {}
    with open(os.path.join(odir, "include", "config", "auto.conf")) as f:
        for line in f:
            m = re.match(r"^CONFIG_(\w+) := (.*)$", line.rstrip("\n"))
            if m:
                out[m.group(1)] = m.group(2).replace("\\#", "#").replace("$$", "$")
    return out


def image_of(odir):
    return os.path.join(odir, f"{os.path.basename(os.path.dirname(odir))}_kvm-x86_64")


def embedded(odir):
    p = subprocess.run([EXTRACT, image_of(odir)], capture_output=True, text=True)
    check(p.returncode == 0, f"extract-config: {p.stderr}")
    return settings(p.stdout)


def image_matches_build(odir):
    """The .config in the image is the one its objects were compiled with,
    and the one beside it; returns its settings."""
    # auto.conf also lists empty strings of symbols the .config leaves out
    # (their menu is off); those are the same "" to make.
    emb = {k: v for k, v in embedded(odir).items() if v != ""}
    auto = {k: v for k, v in autoconf(odir).items() if v != ""}
    check(emb == auto, "the image embeds a .config that is not the build's:\n  only embedded: "
                       f"{sorted(set(emb.items()) - set(auto.items()))}\n  only compiled: "
                       f"{sorted(set(auto.items()) - set(emb.items()))}")
    beside = {k: v for k, v in settings(read(image_of(odir) + ".config")
                                        .decode("utf-8", "replace")).items() if v != ""}
    check(beside == emb, f"{image_of(odir)}.config differs from the embedded one")
    return emb


def refused(p, what):
    """make failed as a build error does (exit status 2), said why, and
    made no image."""
    check(p.returncode == 2, f"{what}: make exited {p.returncode}, not 2:\n{p.stdout[-1500:]}"
                             f"{p.stderr[-1500:]}")
    check("tessera: built" not in p.stdout, f"{what}: an image was built anyway:\n"
                                            f"{p.stdout[-1500:]}")


def line_of(path, text):
    for n, line in enumerate(read(path).decode("utf-8", "replace").splitlines(), 1):
        if line == text:
            return n
    check(False, f"{text!r} not in {path}")


def edit(path, old, new):
    data = read(path).decode()
    check(old + "\n" in data, f"{old!r} not in {path}")
    write(path, data.replace(old + "\n", new + "\n", 1))


def test_failed_kconfig_step_fails_the_build():
    app, odir = app_copy("cfg-fail")
    make(app, "all")
    config = os.path.join(odir, ".config")
    first = image_matches_build(odir)
    check(first.get("APP_HELLOWORLD_ARGS") == "y", "the app option is not in the image")

    # A hand edit and a byte that is not UTF-8: kconfiglib cannot read the
    # file, so neither the edit nor anything else may reach the image.
    edit(config, "CONFIG_APP_HELLOWORLD_ARGS=y", "# CONFIG_APP_HELLOWORLD_ARGS is not set")
    write(config, read(config) + b"# caf\xe9 au lait\n")
    bad = len(read(config).splitlines())
    p = make(app, "all", check_rc=False)
    refused(p, "non-UTF-8 .config")
    check(re.search(fr"\.config:{bad}: .*UTF-8", p.stderr),
          f"the error does not name .config:{bad} and UTF-8:\n{p.stderr}")
    check(image_matches_build(odir) == first, "the image changed after a failed Kconfig step")
    p = make(app, "all", check_rc=False)
    refused(p, "non-UTF-8 .config, second try")

    # Fixed, the next build takes the edit.
    write(config, read(config).replace(b"# caf\xe9 au lait\n", b""))
    make(app, "all")
    check("APP_HELLOWORLD_ARGS" not in image_matches_build(odir),
          "the hand edit did not reach the image")

    # A syntax error in the app's Config.uk.
    uk = os.path.join(app, "Config.uk")
    write(uk, APP_CONFIG_UK + "config APP_BROKEN\n\tbool \"broken\n\tdefault y\n")
    edit(config, "# CONFIG_APP_HELLOWORLD_ARGS is not set", "CONFIG_APP_HELLOWORLD_ARGS=y")
    p = make(app, "all", check_rc=False)
    refused(p, "syntax error in the app's Config.uk")
    check("Config.uk:5" in p.stderr, "the error does not name Config.uk:5:\n" + p.stderr)
    check("APP_HELLOWORLD_ARGS" not in image_matches_build(odir),
          "the image changed after a failed Kconfig step")
    write(uk, APP_CONFIG_UK)
    make(app, "all")
    check(image_matches_build(odir).get("APP_HELLOWORLD_ARGS") == "y",
          "the fixed build lacks the edit")

    # A syntax error in an external library's Config.uk (LIBS).
    lib = os.path.join(BUILD, "cfg-fail-libsecret")
    shutil.rmtree(lib, ignore_errors=True)
    shutil.copytree(os.path.join(FIX, "libsecret"), lib)
    libs = ["LIBS=" + lib]
    make(app, "all", extra=libs)
    check(image_matches_build(odir).get("LIB_SECRET") == "y", "LIBS library not configured")
    with open(os.path.join(lib, "Config.uk"), "a") as f:
        f.write("\nconfig LIB_SECRET_MORE\n\tbool \"more\"\n\tdepends on (LIB_SECRET\n")
    edit(config, "CONFIG_APP_HELLOWORLD_ARGS=y", "# CONFIG_APP_HELLOWORLD_ARGS is not set")
    p = make(app, "all", extra=libs, check_rc=False)
    refused(p, "syntax error in a LIBS library's Config.uk")
    check("libsecret/Config.uk" in p.stderr, "the error does not name the file:\n" + p.stderr)
    check(image_matches_build(odir).get("APP_HELLOWORLD_ARGS") == "y",
          "the image changed after a failed Kconfig step")


# Hand edits of the .config that cannot take effect, each with what the
# error must say besides the line: (old line or None to append, new line,
# words of the reason).
HAND_EDITS = [
    (None, "CONFIG_NO_SUCH_SYMBOL=y", "not a known symbol"),
    ("# CONFIG_LIB_DEBUG_LEVEL_ERR is not set", "CONFIG_LIB_DEBUG_LEVEL_ERR=y",
     "CONFIG_LIB_DEBUG_LEVEL_INFO"),
    (None, 'CONFIG_LIB_TRACE_DEFAULT="sched_*"', "LIB_TRACE"),
    ("CONFIG_LIB_BOOT=y", "CONFIG_LIB_BOOT=maybe", "not a valid"),
    (None, "this is not a config line", "not a config line"),
]


def test_hand_edits_that_cannot_take_effect_stop_the_build():
    app, odir = app_copy("cfg-hand")
    make(app, "all")
    config = os.path.join(odir, ".config")
    good = read(config)
    first = image_matches_build(odir)
    for old, new, why in HAND_EDITS:
        write(config, good)
        if old is None:
            write(config, good + (new + "\n").encode())
        else:
            edit(config, old, new)
        n = line_of(config, new)
        p = make(app, "all", check_rc=False)
        refused(p, f"hand edit {new!r}")
        msg = [l for l in p.stderr.splitlines() if f".config:{n}:" in l]
        check(msg and why in msg[0], f"{new!r}: no error naming .config:{n} with {why!r}"
                                     f":\n{p.stderr}")
        check("make olddefconfig" in p.stderr, "the error does not say how to accept it:\n"
              + p.stderr)
        check(image_matches_build(odir) == first, f"{new!r}: the image changed")

    # make olddefconfig accepts them all, naming each line, and the build
    # then goes on with what the .config now says.
    write(config, good)
    for old, new, _ in HAND_EDITS:
        if old is None:
            write(config, read(config) + (new + "\n").encode())
        else:
            edit(config, old, new)
    lines = [line_of(config, new) for _, new, _ in HAND_EDITS]
    p = make(app, "olddefconfig")
    for n in lines:
        check(f".config:{n}:" in p.stderr, f"olddefconfig did not report line {n}:\n{p.stderr}")
    make(app, "all")
    check(image_matches_build(odir) == first, "accepted edits changed the image")

    # Edits that take effect are no error: one in place, one appended
    # (the later line wins, as in Kbuild).
    edit(config, "CONFIG_APP_HELLOWORLD_ARGS=y", "# CONFIG_APP_HELLOWORLD_ARGS is not set")
    write(config, read(config) + b"CONFIG_OPTIMIZE_SIZE=y\n")
    p = make(app, "all")
    check(p.stderr.strip() == "", "edits that took effect were reported:\n" + p.stderr)
    now = image_matches_build(odir)
    check("APP_HELLOWORLD_ARGS" not in now and now.get("OPTIMIZE_SIZE") == "y"
          and "OPTIMIZE_PERF" not in now, f"edits did not take effect: {now}")

    # Config.uk changing under a .config the build wrote is no error: a new
    # default, a symbol gone.
    write(os.path.join(app, "Config.uk"), APP_CONFIG_UK
          + 'config APP_EXTRA\n\tbool "extra"\n\tdefault y\n')
    make(app, "all")
    check(image_matches_build(odir).get("APP_EXTRA") == "y", "the new symbol is not set")
    write(os.path.join(app, "Config.uk"), APP_CONFIG_UK.replace("default y", "default n")
          + 'config APP_EXTRA2\n\tbool "extra"\n')
    p = make(app, "all")
    check("APP_EXTRA" not in image_matches_build(odir), "the removed symbol is still set")


def test_app_config_changes_reach_an_existing_build():
    app, odir = app_copy("cfg-appconfig", "CONFIG_LIB_BOOT_VERBOSE=y\nCONFIG_OPTIMIZE_SIZE=y\n")
    appconf = os.path.join(app, "app.config")
    config = os.path.join(odir, ".config")
    make(app, "kvm-x86_64_defconfig")
    # The user's own choice, made after the defconfig.
    edit(config, "CONFIG_APP_HELLOWORLD_ARGS=y", "# CONFIG_APP_HELLOWORLD_ARGS is not set")
    make(app, "all")
    s = image_matches_build(odir)
    check(s.get("LIB_BOOT_VERBOSE") == "y" and s.get("OPTIMIZE_SIZE") == "y"
          and "APP_HELLOWORLD_ARGS" not in s, f"defconfig + app.config + edit: {s}")

    # A line added to app.config takes effect on the next make; the user's
    # choice stays.
    write(appconf, read(appconf) + b"CONFIG_LIB_TRACE=y\n")
    p = make(app, "all")
    check("app.config" in p.stdout + p.stderr, "the app.config change was not mentioned")
    s = image_matches_build(odir)
    check(s.get("LIB_TRACE") == "y", f"the app.config change did not reach the build: {s}")
    check("APP_HELLOWORLD_ARGS" not in s and s.get("OPTIMIZE_SIZE") == "y",
          f"the user's choices were lost: {s}")

    # The user turns off an option app.config sets; a change to another
    # line of app.config leaves that alone.
    edit(config, "CONFIG_LIB_BOOT_VERBOSE=y", "# CONFIG_LIB_BOOT_VERBOSE is not set")
    write(appconf, read(appconf) + b"CONFIG_LIB_TRACE_STOP=y\n")
    make(app, "all")
    s = image_matches_build(odir)
    check(s.get("LIB_TRACE_STOP") == "y" and "LIB_BOOT_VERBOSE" not in s
          and "APP_HELLOWORLD_ARGS" not in s, f"after a second app.config change: {s}")

    # Lines removed from app.config: their options go back to the defaults,
    # unless the user has set them otherwise since.
    write(appconf, read(appconf) + b"CONFIG_LIB_TRACE_RING_RECORDS=256\n")
    make(app, "all")
    check(image_matches_build(odir).get("LIB_TRACE_RING_RECORDS") == "256",
          "the app.config change did not reach the build")
    edit(config, "CONFIG_LIB_TRACE_RING_RECORDS=256", "CONFIG_LIB_TRACE_RING_RECORDS=64")
    write(appconf, b"CONFIG_LIB_BOOT_VERBOSE=y\nCONFIG_OPTIMIZE_SIZE=y\nCONFIG_LIB_TRACE=y\n")
    make(app, "all")
    s = image_matches_build(odir)
    check(s.get("LIB_TRACE_OVERWRITE") == "y" and "LIB_TRACE_STOP" not in s
          and s.get("LIB_TRACE_RING_RECORDS") == "64",
          f"after removing two app.config lines: {s}")
    write(appconf, b"CONFIG_LIB_BOOT_VERBOSE=y\nCONFIG_OPTIMIZE_SIZE=y\n")
    make(app, "all")
    s = image_matches_build(odir)
    check("LIB_TRACE" not in s and "LIB_TRACE_STOP" not in s,
          f"removed app.config lines still in effect: {s}")

    # A changed app.config line that cannot take effect is refused by line.
    write(appconf, read(appconf) + b"CONFIG_LIB_TRACE_DEFAULT=\"x\"\n")
    p = make(app, "all", check_rc=False)
    refused(p, "app.config line with an unmet dependency")
    check(re.search(r"app\.config:3: .*LIB_TRACE", p.stderr),
          "the error does not name app.config:3:\n" + p.stderr)
    write(appconf, b"CONFIG_LIB_BOOT_VERBOSE=y\nCONFIG_OPTIMIZE_SIZE=y\n")

    # A savedefconfig output serves as a fragment and reproduces the .config
    # (its lines repeat the target defconfig's and app.config's).
    make(app, "kvm-x86_64_defconfig")
    make(app, "savedefconfig")
    before = read(config)
    saved = os.path.join(BUILD, "cfg-appconfig-saved.config")
    shutil.copy(os.path.join(odir, "defconfig"), saved)
    p = make(app, "kvm-x86_64_defconfig", extra=["FRAGMENT=" + saved], check_rc=False)
    check(p.returncode == 0, "a savedefconfig output refused as FRAGMENT:\n" + p.stderr)
    check(read(config) == before, "FRAGMENT=savedefconfig output changed the .config")

    # FRAGMENT= overrides app.config, which overrides the target defconfig.
    frag = os.path.join(BUILD, "cfg-appconfig-frag.config")
    write(frag, "# CONFIG_LIB_BOOT_VERBOSE is not set\nCONFIG_OPTIMIZE_NONE=y\n")
    p = make(app, "kvm-x86_64_defconfig", extra=["FRAGMENT=" + frag], check_rc=False)
    check(p.returncode == 0, "FRAGMENT= could not override app.config:\n" + p.stderr)
    make(app, "all")
    s = image_matches_build(odir)
    check("LIB_BOOT_VERBOSE" not in s and s.get("OPTIMIZE_NONE") == "y"
          and "OPTIMIZE_SIZE" not in s, f"FRAGMENT= did not win: {s}")

    # FRAGMENT= on a build with a .config is applied over it (it used to
    # be ignored): the fragment wins, the rest of the .config stays.
    make(app, "kvm-x86_64_defconfig")
    p = make(app, "all", extra=["FRAGMENT=" + frag], check_rc=False)
    check(p.returncode == 0, "FRAGMENT= on an existing build failed:\n" + p.stderr)
    check("tessera: applied" in p.stdout, "no word of the applied fragment:\n" + p.stdout)
    s = image_matches_build(odir)
    check("LIB_BOOT_VERBOSE" not in s and s.get("OPTIMIZE_NONE") == "y",
          f"FRAGMENT= on an existing build did not take effect: {s}")
    p = make(app, "all", extra=["FRAGMENT=" + frag], check_rc=False)
    check(p.returncode == 0 and "tessera: applied" not in p.stdout,
          "the same fragment again changed the .config:\n" + p.stdout + p.stderr)
    bad = os.path.join(odir, "bad.config")
    with open(bad, "w") as f:
        f.write("CONFIG_NO_SUCH_OPTION=y\n")
    p = make(app, "all", extra=["FRAGMENT=" + bad], check_rc=False)
    refused(p, "a FRAGMENT= line that cannot take effect on an existing build")
    check(bad + ":1:" in p.stderr, "the bad fragment line is not named:\n" + p.stderr)
    make(app, "kvm-x86_64_defconfig", "all", extra=["FRAGMENT=" + saved])
    s = image_matches_build(odir)
    check(s.get("LIB_BOOT_VERBOSE") == "y" and s.get("OPTIMIZE_SIZE") == "y",
          f"make kvm-x86_64_defconfig all FRAGMENT=: {s}")

    # A .config made from nothing (olddefconfig, menuconfig) takes in
    # app.config too.
    os.unlink(config)
    make(app, "olddefconfig")
    s = settings(read(config).decode())
    check(s.get("LIB_BOOT_VERBOSE") == "y" and s.get("OPTIMIZE_SIZE") == "y",
          f"olddefconfig without a .config left out app.config: {s}")


def test_renamed_options_keep_their_value_from_an_old_config():
    """A .config written before an option was renamed (issue 15 moved
    PLAT_KVM_TSC_DEADLINE and PLAT_KVM_CONSOLE_BAUD to plat/pc as
    PLAT_PC_*; support/kconfig/renamed) keeps the user's values under the
    new names, said once; they used to fall back to the defaults
    silently. An app.config with an old name is refused, naming the new
    one."""
    app, odir = app_copy("cfg-renamed")
    make(app, "all")
    config = os.path.join(odir, ".config")
    written = os.path.join(odir, "kconfig", "config.written")
    # What the tree before the rename wrote, as the build wrote it (so
    # not a hand edit: config.written has the same lines).
    edit(config, "CONFIG_PLAT_PC_TSC_DEADLINE=y", "# CONFIG_PLAT_KVM_TSC_DEADLINE is not set")
    edit(config, "CONFIG_PLAT_PC_CONSOLE_BAUD=115200", "CONFIG_PLAT_KVM_CONSOLE_BAUD=9600")
    shutil.copy(config, written)
    p = make(app, "all")
    for old, new in (("PLAT_KVM_TSC_DEADLINE", "PLAT_PC_TSC_DEADLINE"),
                     ("PLAT_KVM_CONSOLE_BAUD", "PLAT_PC_CONSOLE_BAUD")):
        check(f"CONFIG_{old} is now CONFIG_{new}: its value carried over" in p.stderr,
              f"no line about {old}:\n{p.stderr}")
    now = image_matches_build(odir)
    check("PLAT_PC_TSC_DEADLINE" not in now and now.get("PLAT_PC_CONSOLE_BAUD") == "9600",
          f"the old values did not carry over: TSC_DEADLINE {now.get('PLAT_PC_TSC_DEADLINE')}, "
          f"CONSOLE_BAUD {now.get('PLAT_PC_CONSOLE_BAUD')}")
    text = read(config).decode()
    check("PLAT_KVM_TSC" not in text and "PLAT_KVM_CONSOLE" not in text
          and "# CONFIG_PLAT_PC_TSC_DEADLINE is not set" in text,
          f".config still has the old names or lost the value:\n{text}")
    p = make(app, "all")
    check("carried over" not in p.stderr, f"said again on the next build:\n{p.stderr}")

    write(os.path.join(app, "app.config"), "CONFIG_PLAT_KVM_CONSOLE_BAUD=9600\n")
    p = make(app, "all", check_rc=False)
    refused(p, "an app.config with a renamed option")
    check("app.config:1: CONFIG_PLAT_KVM_CONSOLE_BAUD=9600: CONFIG_PLAT_KVM_CONSOLE_BAUD was "
          "renamed: write CONFIG_PLAT_PC_CONSOLE_BAUD" in p.stderr,
          f"the refusal does not name the new option:\n{p.stderr}")
