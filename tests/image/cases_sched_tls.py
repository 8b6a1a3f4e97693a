"""lib/sched's TLS template in images: a template larger than the static
TLS area each thread has (CONFIG_LIB_SCHED_TLS_SIZE) stops the boot with
the size to configure, instead of __thread accesses landing outside the
area. (That each thread starts with the template's values is the
in-image test sched_tls.thread_variables_start_from_the_template.)"""
from cases import Case, End

SELFTEST = "tests/image/apps/selftest"

CASES = [
    Case("sched-tls-template-too-large", SELFTEST, args="sched_tls.*",
         config=["CONFIG_LIB_SCHED=y", "CONFIG_LIB_SCHED_TLS_SIZE=16"],
         targets=["kvm-x86_64", "virt-arm64", "xen-arm64"], end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: sched: __thread variables need (\d+) bytes of TLS per "
                 r"thread \(\d+, \d+-aligned\); CONFIG_LIB_SCHED_TLS_SIZE is 16: raise it "
                 r"to \1$"],
         absent=[r"^test: "]),
]
