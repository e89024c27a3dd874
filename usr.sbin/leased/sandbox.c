/*
 * Sandbox layer: pledge-like seccomp-BPF filters and unveil-like Landlock
 * rules.  See sandbox.h for the promises and the semantics; the table of
 * known system calls is in sandbox_syscalls.h.
 *
 * The filter is assembled from that compiled-in table, never from input:
 *
 *	arch != this build's AUDIT_ARCH		-> kill
 *	nr has the x32 bit (x86_64)		-> kill
 *	for each known nr, allowed ones first:
 *		nr matches: allowed by a requested promise (and its
 *		argument checks pass)		-> allow
 *		otherwise			-> forbidden (kill, or trap)
 *	anything else				-> errno ENOSYS
 */

#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "sandbox.h"
#include "sandbox_syscalls.h"

#if defined(__x86_64__)
#define SANDBOX_AUDIT_ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SANDBOX_AUDIT_ARCH	AUDIT_ARCH_AARCH64
#else
#error "sandbox: unsupported architecture"
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG_LO(i)	(offsetof(struct seccomp_data, args) + 8 * (i))
#define ARG_HI(i)	(offsetof(struct seccomp_data, args) + 8 * (i) + 4)
#else
#define ARG_LO(i)	(offsetof(struct seccomp_data, args) + 8 * (i) + 4)
#define ARG_HI(i)	(offsetof(struct seccomp_data, args) + 8 * (i))
#endif

/* Landlock rights newer than the system's <linux/landlock.h>. */
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER	(1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE	(1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV	(1ULL << 15)
#endif

#define SANDBOX_MAXINSNS	2048
#define NSYSCALLS	(sizeof(sandbox_syscalls) / sizeof(sandbox_syscalls[0]))

struct sandbox_prog {
	struct sock_filter	insns[SANDBOX_MAXINSNS];
	size_t			len;
	int			error;
};

static int	pledge_parse(const char *, unsigned int *);
static void	prog_emit(struct sandbox_prog *, uint16_t, uint8_t, uint8_t,
		    uint32_t);
static size_t	cond_len(const struct sandbox_arg *);
static size_t	alt_len(const struct sandbox_arg *);
static void	emit_alt(struct sandbox_prog *, const struct sandbox_arg *,
		    uint32_t);
static int	syscall_seen(size_t);
static int	syscall_allowed(size_t, unsigned int);
static void	emit_syscall(struct sandbox_prog *, size_t, unsigned int,
		    uint32_t, uint32_t);
static int	build_filter(struct sandbox_prog *, unsigned int, uint32_t);
static const char *syscall_name(int);
static void	sigsys_handler(int, siginfo_t *, void *);
static int	landlock_ruleset(void);
static int	landlock_lock(void);

static struct sandbox_prog filter_prog;	/* too big for the stack */
static int		trap_mode;
static int		pledged;
static unsigned int	pledge_current;

static int		ll_abi;
static int		ll_fd = -1;
static int		ll_locked;
static uint64_t		ll_handled;

void
sandbox_trap(int on)
{
	trap_mode = on;
}

static int
pledge_parse(const char *promises, unsigned int *flags)
{
	const char	*p = promises;
	size_t		 len, i;

	*flags = PLEDGE_ALWAYS;
	for (;;) {
		p += strspn(p, " \t");
		if (*p == '\0')
			return (0);
		len = strcspn(p, " \t");
		for (i = 0; i < sizeof(pledge_names) / sizeof(pledge_names[0]);
		    i++) {
			if (strlen(pledge_names[i].name) == len &&
			    strncmp(pledge_names[i].name, p, len) == 0)
				break;
		}
		if (i == sizeof(pledge_names) / sizeof(pledge_names[0])) {
			errno = EINVAL;
			return (-1);
		}
		*flags |= pledge_names[i].flag;
		p += len;
	}
}

static void
prog_emit(struct sandbox_prog *prog, uint16_t code, uint8_t jt, uint8_t jf,
    uint32_t k)
{
	struct sock_filter	*insn;

	if (prog->len >= SANDBOX_MAXINSNS) {
		prog->error = 1;
		return;
	}
	insn = &prog->insns[prog->len++];
	insn->code = code;
	insn->jt = jt;
	insn->jf = jf;
	insn->k = k;
}

/* Instructions emit_alt() uses for one condition. */
static size_t
cond_len(const struct sandbox_arg *a)
{
	size_t	n;

	n = 1;				/* load the low word */
	if (a->flags & SBA_HIZERO)
		n += 2;			/* load and test the high word */
	if (a->mask != 0xffffffff)
		n += 1;			/* and */
	n += (a->flags & SBA_SELF) ? 1 : a->nvals;
	return (n);
}

static size_t
alt_len(const struct sandbox_arg *args)
{
	size_t	n = 1;			/* return allow */

	for (; args->arg != -1; args++)
		n += cond_len(args);
	return (n);
}

/*
 * One alternative: every condition must hold, then allow.  A failing
 * condition jumps just past the alternative's own "return allow", to the
 * next alternative or to the forbidden return.
 */
static void
emit_alt(struct sandbox_prog *prog, const struct sandbox_arg *args,
    uint32_t self)
{
	const struct sandbox_arg	*a;
	size_t				 end, pos, next;
	int				 i, nvals;
	uint32_t			 v;

	end = alt_len(args) - 1;	/* local index of "return allow" */
	pos = 0;
	for (a = args; a->arg != -1; a++) {
		next = pos + cond_len(a);
		if (a->flags & SBA_HIZERO) {
			prog_emit(prog, BPF_LD | BPF_W | BPF_ABS, 0, 0,
			    ARG_HI(a->arg));
			pos++;
			prog_emit(prog, BPF_JMP | BPF_JEQ | BPF_K, 0,
			    end + 1 - pos - 1, 0);
			pos++;
		}
		prog_emit(prog, BPF_LD | BPF_W | BPF_ABS, 0, 0, ARG_LO(a->arg));
		pos++;
		if (a->mask != 0xffffffff) {
			prog_emit(prog, BPF_ALU | BPF_AND | BPF_K, 0, 0,
			    a->mask);
			pos++;
		}
		nvals = (a->flags & SBA_SELF) ? 1 : a->nvals;
		for (i = 0; i < nvals; i++) {
			v = (a->flags & SBA_SELF) ? self : a->vals[i];
			if (i < nvals - 1)
				prog_emit(prog, BPF_JMP | BPF_JEQ | BPF_K,
				    next - pos - 1, 0, v);
			else
				prog_emit(prog, BPF_JMP | BPF_JEQ | BPF_K,
				    0, end + 1 - pos - 1, v);
			pos++;
		}
	}
	prog_emit(prog, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
}

/* Whether an earlier table line already covered this line's number. */
static int
syscall_seen(size_t idx)
{
	size_t	i;

	for (i = 0; i < idx; i++)
		if (sandbox_syscalls[i].nr == sandbox_syscalls[idx].nr)
			return (1);
	return (0);
}

/* Whether any line for this number belongs to a requested promise. */
static int
syscall_allowed(size_t idx, unsigned int flags)
{
	size_t	i;

	for (i = idx; i < NSYSCALLS; i++)
		if (sandbox_syscalls[i].nr == sandbox_syscalls[idx].nr &&
		    (sandbox_syscalls[i].promises & flags))
			return (1);
	return (0);
}

/*
 * The section for one system call number: skip it unless nr matches,
 * else allow (no argument check needed), try each alternative, or fall
 * into the forbidden return.
 */
static void
emit_syscall(struct sandbox_prog *prog, size_t idx, unsigned int flags,
    uint32_t forbidden, uint32_t self)
{
	const struct sandbox_syscall	*sc = &sandbox_syscalls[idx], *s;
	size_t				 i, jump, body;
	int				 unchecked = 0;

	for (i = idx; i < NSYSCALLS; i++) {
		s = &sandbox_syscalls[i];
		if (s->nr == sc->nr && (s->promises & flags) && s->args == NULL)
			unchecked = 1;
	}

	jump = prog->len;
	prog_emit(prog, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, sc->nr);
	body = prog->len;
	if (unchecked)
		prog_emit(prog, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	else {
		for (i = idx; i < NSYSCALLS; i++) {
			s = &sandbox_syscalls[i];
			if (s->nr == sc->nr && (s->promises & flags))
				emit_alt(prog, s->args, self);
		}
		prog_emit(prog, BPF_RET | BPF_K, 0, 0, forbidden);
	}
	if (prog->error)
		return;
	if (prog->len - body > 255) {
		prog->error = 1;
		return;
	}
	prog->insns[jump].jf = prog->len - body;
}

static int
build_filter(struct sandbox_prog *prog, unsigned int flags, uint32_t self)
{
	uint32_t	forbidden;
	size_t		i;

	forbidden = trap_mode ? SECCOMP_RET_TRAP : SECCOMP_RET_KILL_PROCESS;
	memset(prog, 0, sizeof(*prog));

	prog_emit(prog, BPF_LD | BPF_W | BPF_ABS, 0, 0,
	    offsetof(struct seccomp_data, arch));
	prog_emit(prog, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, SANDBOX_AUDIT_ARCH);
	prog_emit(prog, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_KILL_PROCESS);
	prog_emit(prog, BPF_LD | BPF_W | BPF_ABS, 0, 0,
	    offsetof(struct seccomp_data, nr));
#ifdef __X32_SYSCALL_BIT
	/* The x32 ABI shares the arch value but has its own numbers. */
	prog_emit(prog, BPF_JMP | BPF_JSET | BPF_K, 0, 1, __X32_SYSCALL_BIT);
	prog_emit(prog, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_KILL_PROCESS);
#endif

	/* Allowed calls first: the common path stays short. */
	for (i = 0; i < NSYSCALLS; i++)
		if (!syscall_seen(i) && syscall_allowed(i, flags))
			emit_syscall(prog, i, flags, forbidden, self);
	for (i = 0; i < NSYSCALLS; i++)
		if (!syscall_seen(i) && !syscall_allowed(i, flags))
			emit_syscall(prog, i, flags, forbidden, self);

	prog_emit(prog, BPF_RET | BPF_K, 0, 0,
	    SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA));
	if (prog->error) {
		errno = E2BIG;
		return (-1);
	}
	return (0);
}

static const char *
syscall_name(int nr)
{
	size_t	i;

	for (i = 0; i < NSYSCALLS; i++)
		if (sandbox_syscalls[i].nr == nr)
			return (sandbox_syscalls[i].name);
	return ("unknown");
}

/*
 * Trap mode: say which call was refused, then die by SIGSYS as the
 * filter would have.  Only write(2) and the signal calls are used, and
 * a refused one here kills outright (the kernel resets the action).
 */
static void
sigsys_handler(int sig, siginfo_t *si, void *ctx)
{
	char		 buf[128], num[16];
	const char	*name;
	size_t		 len = 0, n;
	unsigned int	 nr;
	sigset_t	 set;

	(void)ctx;
	name = syscall_name(si->si_syscall);
	nr = si->si_syscall;
	n = sizeof(num);
	num[--n] = '\0';
	do {
		num[--n] = '0' + nr % 10;
		nr /= 10;
	} while (nr != 0 && n > 0);

#define APPEND(s) do {							\
	size_t	l_ = strlen(s);						\
	if (l_ > sizeof(buf) - len)					\
		l_ = sizeof(buf) - len;					\
	memcpy(buf + len, (s), l_);					\
	len += l_;							\
} while (0)
	APPEND("sandbox: forbidden syscall ");
	APPEND(name);
	APPEND(" (nr ");
	APPEND(num + n);
	APPEND(")\n");
#undef APPEND
	(void)write(STDERR_FILENO, buf, len);

	/* SA_RESETHAND made the action the default again. */
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}

int
sandbox_pledge(const char *promises)
{
	struct sandbox_prog	*prog = &filter_prog;
	struct sock_fprog	 fprog;
	struct sigaction	 sa;
	unsigned int		 flags;

	if (promises == NULL) {
		errno = EINVAL;
		return (-1);
	}
	if (pledge_parse(promises, &flags) == -1)
		return (-1);
	if (pledged && (flags & ~pledge_current) != 0) {
		errno = EPERM;
		return (-1);
	}

	if (build_filter(prog, flags, (uint32_t)getpid()) == -1)
		return (-1);

	if (!pledged) {
		if (trap_mode) {
			memset(&sa, 0, sizeof(sa));
			sa.sa_sigaction = sigsys_handler;
			sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
			sigfillset(&sa.sa_mask);
			if (sigaction(SIGSYS, &sa, NULL) == -1)
				return (-1);
		}
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
			return (-1);
	}

	fprog.len = prog->len;
	fprog.filter = prog->insns;
	if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) == -1)
		return (-1);

	log_debug("sandbox: pledge \"%s\"%s, %zu instructions", promises,
	    trap_mode ? " (trap mode)" : "", prog->len);
	pledged = 1;
	pledge_current = flags;
	return (0);
}

/*
 * Landlock ABI of the running kernel: 1 or more, or -1 with errno ENOSYS
 * or EOPNOTSUPP (built without Landlock, or disabled at boot).
 */
int
sandbox_landlock_abi(void)
{
	long	abi;

	abi = syscall(__NR_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1) {
		if (abi == 0)
			errno = EOPNOTSUPP;
		return (-1);
	}
	return ((int)abi);
}

/* Create the ruleset, handling every file system right the ABI knows. */
static int
landlock_ruleset(void)
{
	struct landlock_ruleset_attr	attr;
	int				abi;

	if (ll_fd != -1)
		return (0);
	if ((abi = sandbox_landlock_abi()) == -1)
		return (-1);

	ll_handled = LANDLOCK_ACCESS_FS_EXECUTE |
	    LANDLOCK_ACCESS_FS_WRITE_FILE |
	    LANDLOCK_ACCESS_FS_READ_FILE |
	    LANDLOCK_ACCESS_FS_READ_DIR |
	    LANDLOCK_ACCESS_FS_REMOVE_DIR |
	    LANDLOCK_ACCESS_FS_REMOVE_FILE |
	    LANDLOCK_ACCESS_FS_MAKE_CHAR |
	    LANDLOCK_ACCESS_FS_MAKE_DIR |
	    LANDLOCK_ACCESS_FS_MAKE_REG |
	    LANDLOCK_ACCESS_FS_MAKE_SOCK |
	    LANDLOCK_ACCESS_FS_MAKE_FIFO |
	    LANDLOCK_ACCESS_FS_MAKE_BLOCK |
	    LANDLOCK_ACCESS_FS_MAKE_SYM;
	if (abi >= 2)
		ll_handled |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		ll_handled |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		ll_handled |= LANDLOCK_ACCESS_FS_IOCTL_DEV;

	memset(&attr, 0, sizeof(attr));
	attr.handled_access_fs = ll_handled;
	ll_fd = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (ll_fd == -1)
		return (-1);
	ll_abi = abi;
	log_debug("sandbox: landlock ABI %d", ll_abi);
	return (0);
}

/* Enforce the ruleset on this process and its future children. */
static int
landlock_lock(void)
{
	if (landlock_ruleset() == -1)
		return (-1);
	if (syscall(__NR_landlock_restrict_self, ll_fd, 0) == -1) {
		/* Without CAP_SYS_ADMIN Landlock wants no_new_privs. */
		if (errno != EPERM ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
		    syscall(__NR_landlock_restrict_self, ll_fd, 0) == -1)
			return (-1);
	}
	close(ll_fd);
	ll_fd = -1;
	ll_locked = 1;
	return (0);
}

int
sandbox_unveil(const char *path, const char *permissions)
{
	struct landlock_path_beneath_attr	 pb;
	struct stat				 st;
	const char				*p;
	uint64_t				 file = 0, dir = 0;
	int					 fd, saved_errno;

	if (ll_locked) {
		errno = EPERM;
		return (-1);
	}

	if (path == NULL && permissions == NULL)
		return (landlock_lock());
	if (path == NULL || permissions == NULL) {
		errno = EINVAL;
		return (-1);
	}

	for (p = permissions; *p != '\0'; p++) {
		switch (*p) {
		case 'r':
			file |= LANDLOCK_ACCESS_FS_READ_FILE;
			dir |= LANDLOCK_ACCESS_FS_READ_DIR;
			break;
		case 'w':
			file |= LANDLOCK_ACCESS_FS_WRITE_FILE |
			    LANDLOCK_ACCESS_FS_TRUNCATE;
			break;
		case 'c':
			/* Devices are never created. */
			dir |= LANDLOCK_ACCESS_FS_REMOVE_DIR |
			    LANDLOCK_ACCESS_FS_REMOVE_FILE |
			    LANDLOCK_ACCESS_FS_MAKE_DIR |
			    LANDLOCK_ACCESS_FS_MAKE_REG |
			    LANDLOCK_ACCESS_FS_MAKE_SOCK |
			    LANDLOCK_ACCESS_FS_MAKE_FIFO |
			    LANDLOCK_ACCESS_FS_MAKE_SYM |
			    LANDLOCK_ACCESS_FS_REFER;
			break;
		case 'x':
			file |= LANDLOCK_ACCESS_FS_EXECUTE;
			break;
		default:
			errno = EINVAL;
			return (-1);
		}
	}

	if (landlock_ruleset() == -1)
		return (-1);
	if ((fd = open(path, O_PATH | O_CLOEXEC)) == -1)
		return (-1);
	if (fstat(fd, &st) == -1)
		goto fail;

	memset(&pb, 0, sizeof(pb));
	pb.parent_fd = fd;
	pb.allowed_access = file;
	if (S_ISDIR(st.st_mode))
		pb.allowed_access |= dir;
	pb.allowed_access &= ll_handled;
	/* Nothing to grant (say "c" on a file): no rule. */
	if (pb.allowed_access != 0 &&
	    syscall(__NR_landlock_add_rule, ll_fd, LANDLOCK_RULE_PATH_BENEATH,
	    &pb, 0) == -1)
		goto fail;
	close(fd);
	return (0);

 fail:
	saved_errno = errno;
	close(fd);
	errno = saved_errno;
	return (-1);
}
