-- What `make -C apps/sqlite run` runs, and tests/image/cases_sqlite.py
-- with it. The Makefile passes it to the shell as one argument on the
-- kernel command line: comment lines (starting with --) are dropped and
-- the lines are joined, so no comment may follow a statement on its line,
-- and the whole must stay under the command line's 4095 bytes. Every row
-- starts with a word naming what it checks; the test pins each one.
CREATE TABLE fruit(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, price REAL, qty INTEGER);
INSERT INTO fruit(name, price, qty) VALUES ('apple', 0.5, 10), ('pear', 0.75, 4), ('fig', 2.25, 0), ('kiwi', 0.3, 25);
SELECT 'rows', count(*), sum(qty), total(price * qty), printf('%.3f', avg(price)) FROM fruit;
SELECT 'order', group_concat(name, ',') FROM (SELECT name FROM fruit ORDER BY price DESC);
BEGIN;
UPDATE fruit SET qty = qty + 1 WHERE qty < 5;
DELETE FROM fruit WHERE name = 'kiwi';
COMMIT;
SELECT 'commit', group_concat(name || ':' || qty, ' ') FROM (SELECT * FROM fruit ORDER BY id);
BEGIN;
INSERT INTO fruit(name) VALUES ('lost');
ROLLBACK;
SELECT 'rollback', count(*) FROM fruit WHERE name = 'lost';
CREATE INDEX fruit_price ON fruit(price);
SELECT 'index', name FROM fruit WHERE price > 0.6 ORDER BY price;
CREATE TABLE big AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i, hex(randomblob(8)) AS h, i % 7 AS m FROM n;
SELECT 'big', count(*), sum(i), count(DISTINCT h), max(length(h)) FROM big;
SELECT 'group', m, count(*), sum(i) FROM big GROUP BY m HAVING m < 2 ORDER BY m;
SELECT 'sort', group_concat(i, ' ') FROM (SELECT i FROM big ORDER BY (i * 7919) % 20000 LIMIT 5);
SELECT 'join', f.name, b.i FROM fruit f JOIN big b ON b.i = f.id * 1000 ORDER BY f.id;
SELECT 'window', i, sum(i) OVER (ORDER BY i ROWS 2 PRECEDING), rank() OVER (ORDER BY m) FROM big WHERE i <= 3;
SELECT 'numbers', 0.1 + 0.2, 1e308 * 10, round(2.5), 7 / 2, 7 / 2.0, cast('12abc' AS INTEGER), 9223372036854775807 + 1, abs(-3), 1 / 0;
SELECT 'printf', printf('%5.1f|%-4s|%x|%e|%,d', 3.14159, 'ab', 255, 12345.678, 1234567);
SELECT 'text', upper('abc'), substr('hello', 2, 3), instr('hello', 'll'), replace('a-b-c', '-', '+'), 'Abc' LIKE 'a%', 'abc' GLOB 'a*', length('héllo'), hex('é');
SELECT 'date', date('2026-12-07', '+1 month', 'start of month'), strftime('%s', '2000-01-01'), datetime(1700000000, 'unixepoch'), julianday('2000-01-01 12:00');
SELECT 'now', length(datetime('now')), datetime('now') >= '1970-01-01', typeof(random()), length(randomblob(16));
SELECT 'json', json_extract('{"a":[1,2,{"b":"c"}]}', '$.a[2].b'), json_array(1, 'x', NULL), json_valid('{');
SELECT 'blob', hex(zeroblob(3)), typeof(x'00ff'), length(x'00ff'), quote(x'0a');
PRAGMA integrity_check;
SELECT 'version', sqlite_version(), substr(sqlite_source_id(), 1, 10);
