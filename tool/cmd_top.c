// SPDX-License-Identifier: GPL-2.0
/*
 * mempoolctl top: every pool in a table refreshed every few seconds, as slabtop does,
 * sorted by a key, with allocation and free rates between refreshes. On a terminal it
 * redraws in place and reads keys (q quits, letters pick the sort key); otherwise
 * (pipes, tests) it prints one frame after another, --iterations of them.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <linux/mpool.h>

#include "format.h"
#include "mempoolctl.h"
#include "nl.h"

static const char usage[] =
	"top [--sort KEY] [--delay SECONDS] [--iterations N | --once]";

enum {
	OPT_SORT = OPT_FIRST_COMMAND_OPT,
	OPT_DELAY,
	OPT_ITERATIONS,
	OPT_ONCE,
};

static volatile sig_atomic_t stop;
static struct termios saved_tio;
static bool tio_saved;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void restore_tty(void)
{
	if (tio_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	tio_saved = false;
}

static void raw_tty(void)
{
	struct termios tio;

	if (tcgetattr(STDIN_FILENO, &saved_tio))
		return;
	tio = saved_tio;
	tio.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	if (!tcsetattr(STDIN_FILENO, TCSANOW, &tio))
		tio_saved = true;
}

/* Keys of the interactive mode, by sort key. */
static const char sort_keys[SORT_NR] = {
	[SORT_ID] = 'i', [SORT_NAME] = 'n', [SORT_SIZE] = 's', [SORT_LIVE] = 'l',
	[SORT_CACHED] = 'c', [SORT_PAGES] = 'p', [SORT_HIT] = 'h', [SORT_EFF] = 'e',
	[SORT_ALLOCS] = 'a', [SORT_FREES] = 'f',
};

/*
 * Wait until @deadline for a key on stdin (when *@keys). Returns the key, 0 at the
 * deadline, -1 when a signal asked to stop. Stdin at its end (a hangup) stops the
 * key reading, not the waiting: *@keys becomes false.
 */
static int wait_key(double deadline, bool *keys)
{
	for (;;) {
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		double left = deadline - now_sec();
		int ret;

		if (stop)
			return -1;
		if (left <= 0)
			return 0;
		ret = poll(&pfd, *keys ? 1 : 0, (int)(left * 1000) + 1);
		if (ret < 0 && errno != EINTR)
			return 0;
		if (ret > 0) {
			char ch;

			if (read(STDIN_FILENO, &ch, 1) == 1)
				return (unsigned char)ch;
			*keys = false;
		}
	}
}

static const struct pool *find_prev(const struct pool_list *prev, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < prev->nr; i++)
		if (prev->pools[i].id == id)
			return &prev->pools[i];
	return NULL;
}

static unsigned int screen_rows(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) || !ws.ws_row)
		return 24;
	return ws.ws_row;
}

static void frame_json(const struct pool_row *rows, unsigned int nr, double dt)
{
	struct timespec ts;
	struct json j;
	unsigned int i;

	clock_gettime(CLOCK_REALTIME, &ts);
	json_init(&j, stdout);
	json_obj_begin(&j, NULL);
	json_u64(&j, "time_ns", (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
	if (dt > 0)
		json_double(&j, "interval", dt, 3);
	else
		json_null(&j, "interval");
	json_arr_begin(&j, "pools");
	for (i = 0; i < nr; i++) {
		pool_json_begin(&j, NULL, rows[i].p);
		if (rows[i].has_rate) {
			json_double(&j, "allocs_rate", rows[i].allocs_rate, 2);
			json_double(&j, "frees_rate", rows[i].frees_rate, 2);
		} else {
			json_null(&j, "allocs_rate");
			json_null(&j, "frees_rate");
		}
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end_doc(&j);
}

static void frame_text(const struct pool_row *rows, unsigned int nr, enum sort_key key,
		       bool interactive, bool raw)
{
	uint64_t pages = 0, live = 0;
	double arate = 0, frate = 0;
	bool rates = false;
	char mem[FMT_LEN], a[FMT_LEN], f[FMT_LEN];
	unsigned int i, shown = nr;

	for (i = 0; i < nr; i++) {
		pages += pool_pages(rows[i].p, page_size());
		live += pool_live(rows[i].p);
		if (rows[i].has_rate) {
			rates = true;
			arate += rows[i].allocs_rate;
			frate += rows[i].frees_rate;
		}
	}
	if (interactive) {
		unsigned int max = screen_rows();

		/* Header, blank line, table header, one line of slack. */
		max = max > 4 ? max - 4 : 1;
		if (shown > max)
			shown = max;
		fputs("\033[H\033[2J", stdout);
	}
	printf("%smempoolctl top%s - %u pools, %llu live objects, %s in pages, allocs/s %s, frees/s %s, sorted by %s%s\n",
	       col(C_BOLD), col(C_RESET), nr, (unsigned long long)live,
	       fmt_size(mem, sizeof(mem), pages * page_size(), raw),
	       rates ? fmt_rate(a, sizeof(a), arate) : "-",
	       rates ? fmt_rate(f, sizeof(f), frate) : "-", sort_key_names[key],
	       interactive ? " (q quits; i n s l c p h e a f sort)" : "");
	printf("\n");
	pool_table_print(stdout, rows, shown, raw, true);
	if (!interactive)
		printf("\n");
	fflush(stdout);
}

int cmd_top(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "delay", required_argument, NULL, OPT_DELAY },
		{ "iterations", required_argument, NULL, OPT_ITERATIONS },
		{ "once", no_argument, NULL, OPT_ONCE },
		{ NULL, 0, NULL, 0 },
	};
	struct pool_list lists[2] = { { 0 }, { 0 } };
	struct mpool_nl *nl = NULL;
	enum sort_key key = SORT_PAGES;
	uint32_t delay_ms = 2000, iterations = 0;
	bool interactive, keys;
	struct pool_row *rows = NULL;
	double t_prev = 0, next;
	unsigned int n, i;
	int c, ret;

	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, ":" GLOBAL_SHORTOPTS "s:d:n:", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
		case OPT_SORT:
			if (sort_option(optarg, &key, usage))
				return EXIT_USAGE;
			break;
		case 'd':
		case OPT_DELAY:
			ret = parse_duration_ms(optarg, &delay_ms, 100, 86400000);
			if (ret)
				return usage_error(usage, "invalid --delay '%s': %s (0.1 to 86400 seconds)",
						   optarg, parse_strerror(ret));
			break;
		case 'n':
		case OPT_ITERATIONS:
			ret = parse_u32(optarg, &iterations, 1, UINT32_MAX, 0);
			if (ret)
				return usage_error(usage, "invalid --iterations '%s': %s", optarg,
						   parse_strerror(ret));
			break;
		case OPT_ONCE:
			iterations = 1;
			break;
		default:
			ret = command_option(c, opts, usage);
			if (ret >= 0)
				return ret;
		}
	}
	if (optind < argc)
		return usage_error(usage, "top takes no arguments");
	setup_color(opts);

	ret = client_open(&nl);
	if (ret)
		return ret;

	interactive = !opts->json && isatty(STDOUT_FILENO);
	keys = interactive && isatty(STDIN_FILENO);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (keys)
		raw_tty();

	next = now_sec();
	for (n = 0; !iterations || n < iterations; n++) {
		struct pool_list *prev = &lists[(n + 1) % 2], *cur = &lists[n % 2];
		double t_cur, dt;
		int k;

		ret = client_pool_dump(nl, cur);
		if (ret)
			break;
		t_cur = now_sec();
		dt = n ? t_cur - t_prev : 0;
		free(rows);
		rows = calloc(cur->nr ? cur->nr : 1, sizeof(*rows));
		if (!rows) {
			ret = out_of_memory();
			break;
		}
		for (i = 0; i < cur->nr; i++) {
			const struct pool *p = &cur->pools[i], *old = n ? find_prev(prev, p->id) : NULL;

			rows[i].p = p;
			/* A managed pool counts no allocations: no rates to show. */
			if (old && dt > 0 && !p->has_managed) {
				rows[i].has_rate = true;
				rows[i].allocs_rate = (double)counter_delta(pool_allocs(old), pool_allocs(p)) / dt;
				rows[i].frees_rate = (double)counter_delta(pool_frees(old), pool_frees(p)) / dt;
			}
		}
		t_prev = t_cur;
		pool_rows_sort(rows, cur->nr, key);
		if (opts->json)
			frame_json(rows, cur->nr, dt);
		else
			frame_text(rows, cur->nr, key, interactive, opts->bytes);
		if (iterations && n + 1 >= iterations)
			break;

		next += delay_ms / 1000.0;
		for (;;) {
			k = wait_key(next, &keys);
			if (k <= 0)
				break;
			if (k == 'q' || k == 'Q') {
				k = -1;
				break;
			}
			for (i = 0; i < SORT_NR; i++) {
				if (sort_keys[i] == k) {
					key = (enum sort_key)i;
					/* Redraw now with the new order, then keep the beat. */
					pool_rows_sort(rows, cur->nr, key);
					frame_text(rows, cur->nr, key, interactive, opts->bytes);
				}
			}
		}
		if (k < 0)
			break;
	}
	restore_tty();
	free(rows);
	pool_list_free(&lists[0]);
	pool_list_free(&lists[1]);
	mpool_nl_close(nl);
	return ret;
}
