"""apps/lua in images: Lua 5.4 from ports/lua (the port named by LIBS,
doc/porting.md) running chunks given with -e on the command line. Each
chunk prints results that the expected lines pin down exactly, so a wrong
answer from the interpreter or from musl under it (float formatting,
strtod, the clocks) fails the case, as does a crash or a hang. A script
error ends the program with status 1 and Lua's message."""
from cases import Case, TARGETS

LUA = "apps/lua"


def lua(name, chunk, expect, **kw):
    """A case that runs `lua -e chunk` on every target. The chunk is one
    word of the kernel command line in single quotes, so it uses double
    quotes for its strings and no backslash."""
    return Case(f"lua-{name}", LUA, args=f"-e '{chunk}'", expect=expect, targets=TARGETS,
                absent=[r"^lua: ", r"\*\*\* "] + kw.pop("absent", []), **kw)


def enosys_once(call):
    """The missing call is named once (by its name on each architecture:
    x86_64 has open, arm64 only openat), though the chunk made it twice."""
    def verify(r):
        lines = [ln for ln in r.output.splitlines()
                 if ln.startswith("syscall: ") and f"'{call}'" in ln
                 or f"'{call}at'" in ln and ln.startswith("syscall: ")]
        if len(lines) != 1:
            raise AssertionError(f"{call}/{call}at named {len(lines)} times, not once: {lines}")
    return verify


ARITH = (
    'print("arith", 7 // 2, 7 / 2, 2 ^ 10, 7 % 3, -7 // 2, math.maxinteger, math.mininteger,'
    ' 3 == 3.0, math.type(3), math.type(3.0), 1e308 * 10, tonumber("0x10"), tonumber("1e2"),'
    ' math.maxinteger + 1 == math.mininteger)'
    ' print("format", string.format("%.3f|%5.2e|%g|%.17g|%d|%5.1f|%x", math.pi, 12345.678,'
    ' 0.1, 0.1, 42, -2.25, 255), 1 / 3, math.sqrt(2), math.sin(0), math.floor(-3.5), math.huge,'
    ' tostring(2^63), 0.1 + 0.2 == 0.3, string.format("%.1f", 0.05))'
    ' print("strtod", tonumber("  1.5e-3  "), tonumber("0x1p4"), tonumber("1e400"),'
    ' tonumber("12abc"), math.tointeger(2^53))')

STRINGS = (
    'print("find", string.find("hello world", "o w"))'
    ' print("match", string.match("key = value", "(%w+)%s*=%s*(%w+)"))'
    ' print("gsub", string.gsub("hello world", "o", "0"))'
    ' print("string", ("x"):rep(3, "-"), string.upper("abc"), #"hello", string.byte("A"), string.char(72, 105),'
    ' string.reverse("abc"), string.format("%-5s|%5s|", "ab", "cd"))'
    ' local w = {} for x in string.gmatch("one two  three", "%a+") do w[#w + 1] = x end'
    ' print("gmatch", table.concat(w, ","), #w)'
    ' print("date", string.match("2026-12-07", "^(%d+)-(%d+)-(%d+)$"))'
    ' print("plain", string.find("a.b", ".", 1, true))'
    ' print("patterns", string.gsub("abc", "%w", "%0%0"), string.match("  trim  ", "^%s*(.-)%s*$") .. "|",'
    ' string.find("abc", "[b-c]+"), utf8.len("abc"), utf8.char(72, 228):len())')

TABLES = (
    'local t = {5, 2, 8, 1, 9, 3} table.sort(t) print("sorted", table.concat(t, " "))'
    ' table.sort(t, function(a, b) return a > b end) print("desc", table.concat(t, " "))'
    ' table.insert(t, 1, 0) print("insert", t[1], #t, table.remove(t), #t)'
    ' local names = {"pear", "apple", "fig"} table.sort(names) print("names", table.concat(names, ","))'
    ' local m = {} for i = 1, 1000 do m[i] = (i * 7919) % 1000 end table.sort(m)'
    ' local ok = true for i = 2, #m do ok = ok and m[i - 1] < m[i] end'
    ' print("big", #m, m[1], m[1000], ok)'
    ' print("unpack", table.unpack({1, 2, 3}))'
    ' local k = {} for key in pairs({a = 1, b = 2, c = 3}) do k[#k + 1] = key end table.sort(k)'
    ' print("keys", table.concat(k), select("#", 1, nil, 3), next({}))'
    ' local h = {} for i = 1, 20000 do h["k" .. i] = i end local s = 0'
    ' for _, v in pairs(h) do s = s + v end h = nil collectgarbage()'
    ' print("hash", s, collectgarbage("count") > 0)')

COROUTINES = (
    'local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end return "done" end)'
    ' print("wrap", gen(), gen(), gen(), gen())'
    ' local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b)'
    ' local d, e = coroutine.yield(c * 2) return d + e end)'
    ' print("resume", coroutine.resume(co, 1, 2)) print("resume", coroutine.resume(co, 10))'
    ' print("resume", coroutine.resume(co, 3, 4))'
    ' print("status", coroutine.status(co), coroutine.resume(co))'
    ' print("err", coroutine.resume(coroutine.create(function() error("inside") end)))'
    ' local p = coroutine.wrap(function() local ok, v = pcall(function() coroutine.yield(1)'
    ' error("after") end) coroutine.yield(tostring(ok) .. " " .. v) end)'
    ' print("pcall-yield", p(), p())'
    ' local n = 0 for i = 1, 100 do local c = coroutine.wrap(function() coroutine.yield(i) end)'
    ' n = n + c() end print("many", n, coroutine.isyieldable(), coroutine.running())')

ERRORS = (
    'print("pcall", pcall(error, "boom"))'
    ' local ok, e = pcall(error, {code = 42}) print("table", ok, e.code)'
    ' print("level", pcall(function() error("where") end))'
    ' print("runtime", pcall(function() return 1 + nil end))'
    ' print("xpcall", xpcall(function() local x = nil return x.y end,'
    ' function(m) return "handled: " .. m end))'
    ' print("select", select(2, pcall(error)))'
    ' local function g() return pcall(g) end local r = {g()} print("cstack", r[#r - 1], r[#r])'
    ' local _, tb = xpcall(function() error("deep") end, debug.traceback) print(tb)')

TIME = (
    'local t = os.time() print("time", math.type(t), t >= 0, os.difftime(t + 60, t))'
    ' local c0 = os.clock() local s = 0 for i = 1, 2000000 do s = s + i end local c1 = os.clock()'
    ' print("clock", math.type(c0), c0 >= 0, c1 > c0, s)'
    ' print("date", os.date("!%Y-%m-%d %H:%M:%S", 1700000000), os.date("!*t", 0).year)'
    ' print("mktime", os.time({year = 2000, month = 1, day = 1, hour = 0}))')

CASES = [
    lua("arith", ARITH, [
        r"^arith\t3\t3\.5\t1024\.0\t1\t-4\t9223372036854775807\t-9223372036854775808\ttrue"
        r"\tinteger\tfloat\tinf\t16\t100\.0\ttrue$",
        r"^format\t3\.142\|1\.23e\+04\|0\.1\|0\.10000000000000001\|42\| -2\.2\|ff\t"
        r"0\.33333333333333\t1\.4142135623731\t0\.0\t-4\tinf\t9\.2233720368548e\+18\tfalse\t0\.1$",
        r"^strtod\t0\.0015\t16\.0\tinf\tnil\t9007199254740992$"]),
    lua("string", STRINGS, [
        r"^find\t5\t7$", r"^match\tkey\tvalue$", r"^gsub\thell0 w0rld\t2$",
        r"^string\tx-x-x\tABC\t5\t65\tHi\tcba\tab   \|   cd\|$",
        r"^gmatch\tone,two,three\t3$", r"^date\t2026\t12\t07$", r"^plain\t2\t2$",
        r"^patterns\taabbcc\ttrim\|\t2\t3\t3$"]),
    lua("table", TABLES, [
        r"^sorted\t1 2 3 5 8 9$", r"^desc\t9 8 5 3 2 1$", r"^insert\t0\t7\t1\t6$",
        r"^names\tapple,fig,pear$", r"^big\t1000\t0\t999\ttrue$", r"^unpack\t1\t2\t3$",
        r"^keys\tabc\t3\tnil$", r"^hash\t200010000\ttrue$"]),
    lua("coroutine", COROUTINES, [
        r"^wrap\t1\t4\t9\tdone$", r"^resume\ttrue\t3$", r"^resume\ttrue\t20$",
        r"^resume\ttrue\t7$", r"^status\tdead\tfalse\tcannot resume dead coroutine$",
        r"^err\tfalse\t\(command line\):1: inside$",
        r"^pcall-yield\t1\tfalse \(command line\):1: after$",
        r"^many\t5050\tfalse\tthread: 0x[0-9a-f]+\ttrue$"]),
    lua("error", ERRORS, [
        r"^pcall\tfalse\tboom$", r"^table\tfalse\t42$",
        r"^level\tfalse\t\(command line\):1: where$",
        r"^runtime\tfalse\t\(command line\):1: attempt to perform arithmetic on a nil value$",
        r"^xpcall\tfalse\thandled: \(command line\):1: attempt to index a nil value \(local 'x'\)$",
        r"^select\tnil$",
        # Deep recursion through C (pcall calling pcall) stops at Lua's
        # limit of C calls with an error, not a stack overflow of the image.
        r"^cstack\tfalse\tC stack overflow$",
        r"^\(command line\):1: deep$", r"^stack traceback:$",
        r"^\s+\[C\]: in function 'error'$", r"^\s+\[C\]: in function 'xpcall'$"]),
    lua("time", TIME, [
        r"^time\tinteger\ttrue\t60\.0$", r"^clock\tfloat\ttrue\ttrue\t2000001000000$",
        r"^date\t2023-11-14 22:13:20\t1970$",
        # No time zone file can be read yet: local time is UTC.
        r"^mktime\t946684800$"]),
    # A script error: Lua's message and traceback, exit status 1.
    Case("lua-script-error", LUA, args="-e 'local t = nil print(\"before\") print(t.x)'",
         targets=TARGETS, status=1,
         expect=[r"^before$",
                 r"^lua: \(command line\):1: attempt to index a nil value \(local 't'\)$",
                 r"^stack traceback:$"]),
    # os.exit's status reaches the platform, after stdio is flushed.
    Case("lua-exit-status", LUA, args="-e 'io.write(\"no newline\") os.exit(3)'",
         targets=TARGETS, status=3, expect=[r"no newline"]),
    # Without a chunk to run (or with -i), the interactive interpreter
    # reads lines from the console (lib/syscall's read on descriptor 0):
    # an expression, a statement over three lines, then Ctrl-D ends it.
    # On xen-arm64 the run gives the domain Xen's console input as soon
    # as Xen has booted, so the prompt comes unbuffered and the input
    # reaches the vpl011 (a byte every 10 ms: tsxen).
    Case("lua-repl", LUA, targets=list(TARGETS), args="-i -e 'x = 6'",
         feed=(b"> ", b'print(x * 7)\nfor i = 1, 3 do\nio.write(i, " ")\nend\n\x04'),
         expect=[r"^Lua 5\.4\.4  Copyright \(C\) 1994-2022 Lua\.org, PUC-Rio$", r"^> 42$",
                 r"^> >> >> 1 2 3 > $"]),
    # Files are not served yet: io.open fails with the error of the
    # missing call (ENOSYS, 38 on both architectures), named once on the
    # console, and the script carries on.
    Case("lua-io-enosys", LUA, targets=TARGETS,
         args="-e 'print(\"io\", io.open(\"/etc/hostname\")) print(\"again\", io.open(\"/x\", \"w\"))'",
         expect=[r"^syscall: 'open(at)?' \(\d+\) is not implemented: -ENOSYS$",
                 r"^io\tnil\t/etc/hostname: Function not implemented\t38$",
                 r"^again\tnil\t/x: Function not implemented\t38$"],
         verify=enosys_once("open")),
]
