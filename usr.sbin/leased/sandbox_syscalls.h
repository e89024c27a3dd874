/*
 * The system calls the sandbox knows, one line each, grouped by the
 * promise that allows them.  A call listed under "forbidden" is known
 * only so that using it kills (or traps); a call not listed at all fails
 * with ENOSYS.  A call may appear under several promises, each line with
 * its own argument check; it is allowed if any line of a requested
 * promise passes.  Only sandbox.c includes this file.
 */

#ifndef SANDBOX_SYSCALLS_H
#define SANDBOX_SYSCALLS_H

#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <fcntl.h>
#include <stdint.h>

#include <linux/netlink.h>
#include <linux/seccomp.h>

#define PLEDGE_ALWAYS	0x0001
#define PLEDGE_STDIO	0x0002
#define PLEDGE_RECVFD	0x0004
#define PLEDGE_UNIX	0x0008
#define PLEDGE_PACKET	0x0010
#define PLEDGE_ROUTE	0x0020
#define PLEDGE_NONE	0x0000		/* known, always forbidden */

static const struct {
	const char	*name;
	unsigned int	 flag;
} pledge_names[] = {
	{ "stdio",	PLEDGE_STDIO },
	{ "recvfd",	PLEDGE_RECVFD },
	{ "unix",	PLEDGE_UNIX },
	{ "packet",	PLEDGE_PACKET },
	{ "route",	PLEDGE_ROUTE },
};

/*
 * One condition on one argument: the low 32 bits of the argument, masked,
 * must equal one of vals (or the caller's pid with SBA_SELF); with
 * SBA_HIZERO the high 32 bits must be zero too.  A list ends with
 * arg == -1; all of its conditions must hold.
 */
#define SBA_HIZERO	0x01
#define SBA_SELF	0x02

struct sandbox_arg {
	int		arg;
	int		flags;
	uint32_t	mask;
	int		nvals;
	uint32_t	vals[4];
};

#define SBA_END		{ -1, 0, 0, 0, { 0 } }

/* mmap(2), mprotect(2): never executable. */
static const struct sandbox_arg arg_noexec[] = {
	{ 2, 0, PROT_EXEC, 1, { 0 } },
	SBA_END
};

/*
 * newfstatat(2): fstat(2) on an fd, as glibc implements it.  The flag
 * does not stop a non-empty path from being looked up; the chroot to an
 * empty directory is what keeps that from telling anything.
 */
static const struct sandbox_arg arg_emptypath[] = {
	{ 3, 0, AT_EMPTY_PATH, 1, { AT_EMPTY_PATH } },
	SBA_END
};

/* sendto(2): no destination, so a bound socket cannot be re-aimed. */
static const struct sandbox_arg arg_noaddr[] = {
	{ 4, SBA_HIZERO, 0xffffffff, 1, { 0 } },
	{ 5, 0, 0xffffffff, 1, { 0 } },
	SBA_END
};

static const struct sandbox_arg arg_fcntl[] = {
	{ 1, 0, 0xffffffff, 4, { F_GETFD, F_SETFD, F_GETFL, F_SETFL } },
	SBA_END
};

/* FIONREAD for libevent's buffers, TCGETS for stdio's isatty(3). */
static const struct sandbox_arg arg_ioctl[] = {
	{ 1, 0, 0xffffffff, 2, { FIONREAD, TCGETS } },
	SBA_END
};

/* tgkill(2) on this process only: raise(3) and abort(3). */
static const struct sandbox_arg arg_tgkill_self[] = {
	{ 0, SBA_SELF, 0xffffffff, 0, { 0 } },
	SBA_END
};

/* Installing a further, stricter filter; no listener, no TSYNC. */
static const struct sandbox_arg arg_seccomp[] = {
	{ 0, 0, 0xffffffff, 1, { SECCOMP_SET_MODE_FILTER } },
	{ 1, 0, 0xffffffff, 1, { 0 } },
	SBA_END
};

static const struct sandbox_arg arg_socket_unix[] = {
	{ 0, 0, 0xffffffff, 1, { AF_UNIX } },
	SBA_END
};

static const struct sandbox_arg arg_socket_route[] = {
	{ 0, 0, 0xffffffff, 1, { AF_NETLINK } },
	{ 1, 0, ~(uint32_t)(SOCK_CLOEXEC | SOCK_NONBLOCK), 1, { SOCK_RAW } },
	{ 2, 0, 0xffffffff, 1, { NETLINK_ROUTE } },
	SBA_END
};

/* Who is on the other end of a control connection, and connect errors. */
static const struct sandbox_arg arg_getsockopt[] = {
	{ 1, 0, 0xffffffff, 1, { SOL_SOCKET } },
	{ 2, 0, 0xffffffff, 2, { SO_PEERCRED, SO_ERROR } },
	SBA_END
};

struct sandbox_syscall {
	int				 nr;
	const char			*name;
	unsigned int			 promises;
	const struct sandbox_arg	*args;
};

#define SC(n, p)	{ __NR_##n, #n, (p), NULL }
#define SC_ARGS(n, p, a) { __NR_##n, #n, (p), (a) }

static const struct sandbox_syscall sandbox_syscalls[] = {
	/* always */
#ifdef __NR_exit
	SC(exit,			PLEDGE_ALWAYS),
#endif
#ifdef __NR_exit_group
	SC(exit_group,			PLEDGE_ALWAYS),
#endif
#ifdef __NR_rt_sigreturn
	SC(rt_sigreturn,		PLEDGE_ALWAYS),
#endif
#ifdef __NR_restart_syscall
	SC(restart_syscall,		PLEDGE_ALWAYS),
#endif
#ifdef __NR_seccomp
	SC_ARGS(seccomp,		PLEDGE_ALWAYS, arg_seccomp),
#endif

	/* stdio */
#ifdef __NR_read
	SC(read,			PLEDGE_STDIO),
#endif
#ifdef __NR_readv
	SC(readv,			PLEDGE_STDIO),
#endif
#ifdef __NR_pread64
	SC(pread64,			PLEDGE_STDIO),
#endif
#ifdef __NR_write
	SC(write,			PLEDGE_STDIO),
#endif
#ifdef __NR_writev
	SC(writev,			PLEDGE_STDIO),
#endif
#ifdef __NR_pwrite64
	SC(pwrite64,			PLEDGE_STDIO),
#endif
#ifdef __NR_close
	SC(close,			PLEDGE_STDIO),
#endif
#ifdef __NR_close_range
	SC(close_range,			PLEDGE_STDIO),
#endif
#ifdef __NR_fstat
	SC(fstat,			PLEDGE_STDIO),
#endif
#ifdef __NR_newfstatat
	SC_ARGS(newfstatat,		PLEDGE_STDIO, arg_emptypath),
#endif
#ifdef __NR_lseek
	SC(lseek,			PLEDGE_STDIO),
#endif
#ifdef __NR_mmap
	SC_ARGS(mmap,			PLEDGE_STDIO, arg_noexec),
#endif
#ifdef __NR_mprotect
	SC_ARGS(mprotect,		PLEDGE_STDIO, arg_noexec),
#endif
#ifdef __NR_munmap
	SC(munmap,			PLEDGE_STDIO),
#endif
#ifdef __NR_mremap
	SC(mremap,			PLEDGE_STDIO),
#endif
#ifdef __NR_brk
	SC(brk,				PLEDGE_STDIO),
#endif
#ifdef __NR_madvise
	SC(madvise,			PLEDGE_STDIO),
#endif
#ifdef __NR_poll
	SC(poll,			PLEDGE_STDIO),
#endif
#ifdef __NR_ppoll
	SC(ppoll,			PLEDGE_STDIO),
#endif
#ifdef __NR_select
	SC(select,			PLEDGE_STDIO),
#endif
#ifdef __NR_pselect6
	SC(pselect6,			PLEDGE_STDIO),
#endif
#ifdef __NR_epoll_create
	SC(epoll_create,		PLEDGE_STDIO),
#endif
#ifdef __NR_epoll_create1
	SC(epoll_create1,		PLEDGE_STDIO),
#endif
#ifdef __NR_epoll_ctl
	SC(epoll_ctl,			PLEDGE_STDIO),
#endif
#ifdef __NR_epoll_wait
	SC(epoll_wait,			PLEDGE_STDIO),
#endif
#ifdef __NR_epoll_pwait
	SC(epoll_pwait,			PLEDGE_STDIO),
#endif
#ifdef __NR_epoll_pwait2
	SC(epoll_pwait2,		PLEDGE_STDIO),
#endif
#ifdef __NR_eventfd2
	SC(eventfd2,			PLEDGE_STDIO),
#endif
#ifdef __NR_pipe2
	SC(pipe2,			PLEDGE_STDIO),
#endif
#ifdef __NR_timerfd_create
	SC(timerfd_create,		PLEDGE_STDIO),
#endif
#ifdef __NR_timerfd_settime
	SC(timerfd_settime,		PLEDGE_STDIO),
#endif
#ifdef __NR_timerfd_gettime
	SC(timerfd_gettime,		PLEDGE_STDIO),
#endif
#ifdef __NR_clock_gettime
	SC(clock_gettime,		PLEDGE_STDIO),
#endif
#ifdef __NR_clock_getres
	SC(clock_getres,		PLEDGE_STDIO),
#endif
#ifdef __NR_gettimeofday
	SC(gettimeofday,		PLEDGE_STDIO),
#endif
#ifdef __NR_time
	SC(time,			PLEDGE_STDIO),
#endif
#ifdef __NR_clock_nanosleep
	SC(clock_nanosleep,		PLEDGE_STDIO),
#endif
#ifdef __NR_nanosleep
	SC(nanosleep,			PLEDGE_STDIO),
#endif
#ifdef __NR_sched_yield
	SC(sched_yield,			PLEDGE_STDIO),
#endif
#ifdef __NR_getpid
	SC(getpid,			PLEDGE_STDIO),
#endif
#ifdef __NR_gettid
	SC(gettid,			PLEDGE_STDIO),
#endif
#ifdef __NR_getppid
	SC(getppid,			PLEDGE_STDIO),
#endif
#ifdef __NR_getuid
	SC(getuid,			PLEDGE_STDIO),
#endif
#ifdef __NR_geteuid
	SC(geteuid,			PLEDGE_STDIO),
#endif
#ifdef __NR_getgid
	SC(getgid,			PLEDGE_STDIO),
#endif
#ifdef __NR_getegid
	SC(getegid,			PLEDGE_STDIO),
#endif
#ifdef __NR_getresuid
	SC(getresuid,			PLEDGE_STDIO),
#endif
#ifdef __NR_getresgid
	SC(getresgid,			PLEDGE_STDIO),
#endif
#ifdef __NR_getgroups
	SC(getgroups,			PLEDGE_STDIO),
#endif
#ifdef __NR_getrandom
	SC(getrandom,			PLEDGE_STDIO),
#endif
#ifdef __NR_rt_sigaction
	SC(rt_sigaction,		PLEDGE_STDIO),
#endif
#ifdef __NR_rt_sigprocmask
	SC(rt_sigprocmask,		PLEDGE_STDIO),
#endif
#ifdef __NR_sigaltstack
	SC(sigaltstack,			PLEDGE_STDIO),
#endif
#ifdef __NR_tgkill
	SC_ARGS(tgkill,			PLEDGE_STDIO, arg_tgkill_self),
#endif
#ifdef __NR_fcntl
	SC_ARGS(fcntl,			PLEDGE_STDIO, arg_fcntl),
#endif
#ifdef __NR_ioctl
	SC_ARGS(ioctl,			PLEDGE_STDIO, arg_ioctl),
#endif
#ifdef __NR_shutdown
	SC(shutdown,			PLEDGE_STDIO),
#endif
#ifdef __NR_recvfrom
	SC(recvfrom,			PLEDGE_STDIO),
#endif
#ifdef __NR_sendto
	SC_ARGS(sendto,			PLEDGE_STDIO, arg_noaddr),
#endif

	/* recvfd */
#ifdef __NR_recvmsg
	SC(recvmsg,			PLEDGE_RECVFD),
#endif

	/* unix */
#ifdef __NR_socket
	SC_ARGS(socket,			PLEDGE_UNIX, arg_socket_unix),
#endif
#ifdef __NR_accept
	SC(accept,			PLEDGE_UNIX),
#endif
#ifdef __NR_accept4
	SC(accept4,			PLEDGE_UNIX),
#endif
#ifdef __NR_getsockname
	SC(getsockname,			PLEDGE_UNIX),
#endif
#ifdef __NR_getpeername
	SC(getpeername,			PLEDGE_UNIX),
#endif
#ifdef __NR_getsockopt
	SC_ARGS(getsockopt,		PLEDGE_UNIX, arg_getsockopt),
#endif
#ifdef __NR_shutdown
	SC(shutdown,			PLEDGE_UNIX),
#endif

	/* packet */
#ifdef __NR_read
	SC(read,			PLEDGE_PACKET),
#endif
#ifdef __NR_write
	SC(write,			PLEDGE_PACKET),
#endif
#ifdef __NR_recvfrom
	SC(recvfrom,			PLEDGE_PACKET),
#endif
#ifdef __NR_recvmsg
	SC(recvmsg,			PLEDGE_PACKET),
#endif
#ifdef __NR_sendto
	SC_ARGS(sendto,			PLEDGE_PACKET, arg_noaddr),
#endif

	/* route */
#ifdef __NR_socket
	SC_ARGS(socket,			PLEDGE_ROUTE, arg_socket_route),
#endif
#ifdef __NR_recvfrom
	SC(recvfrom,			PLEDGE_ROUTE),
#endif
#ifdef __NR_recvmsg
	SC(recvmsg,			PLEDGE_ROUTE),
#endif
#ifdef __NR_getsockname
	SC(getsockname,			PLEDGE_ROUTE),
#endif

	/* forbidden: files */
#ifdef __NR_open
	SC(open,			PLEDGE_NONE),
#endif
#ifdef __NR_openat
	SC(openat,			PLEDGE_NONE),
#endif
#ifdef __NR_openat2
	SC(openat2,			PLEDGE_NONE),
#endif
#ifdef __NR_creat
	SC(creat,			PLEDGE_NONE),
#endif
#ifdef __NR_open_by_handle_at
	SC(open_by_handle_at,		PLEDGE_NONE),
#endif
#ifdef __NR_name_to_handle_at
	SC(name_to_handle_at,		PLEDGE_NONE),
#endif
#ifdef __NR_stat
	SC(stat,			PLEDGE_NONE),
#endif
#ifdef __NR_lstat
	SC(lstat,			PLEDGE_NONE),
#endif
#ifdef __NR_access
	SC(access,			PLEDGE_NONE),
#endif
#ifdef __NR_faccessat
	SC(faccessat,			PLEDGE_NONE),
#endif
#ifdef __NR_faccessat2
	SC(faccessat2,			PLEDGE_NONE),
#endif
#ifdef __NR_readlink
	SC(readlink,			PLEDGE_NONE),
#endif
#ifdef __NR_readlinkat
	SC(readlinkat,			PLEDGE_NONE),
#endif
#ifdef __NR_getdents64
	SC(getdents64,			PLEDGE_NONE),
#endif
#ifdef __NR_chdir
	SC(chdir,			PLEDGE_NONE),
#endif
#ifdef __NR_fchdir
	SC(fchdir,			PLEDGE_NONE),
#endif
#ifdef __NR_unlink
	SC(unlink,			PLEDGE_NONE),
#endif
#ifdef __NR_unlinkat
	SC(unlinkat,			PLEDGE_NONE),
#endif
#ifdef __NR_rename
	SC(rename,			PLEDGE_NONE),
#endif
#ifdef __NR_renameat
	SC(renameat,			PLEDGE_NONE),
#endif
#ifdef __NR_renameat2
	SC(renameat2,			PLEDGE_NONE),
#endif
#ifdef __NR_mkdir
	SC(mkdir,			PLEDGE_NONE),
#endif
#ifdef __NR_mkdirat
	SC(mkdirat,			PLEDGE_NONE),
#endif
#ifdef __NR_rmdir
	SC(rmdir,			PLEDGE_NONE),
#endif
#ifdef __NR_mknod
	SC(mknod,			PLEDGE_NONE),
#endif
#ifdef __NR_mknodat
	SC(mknodat,			PLEDGE_NONE),
#endif
#ifdef __NR_link
	SC(link,			PLEDGE_NONE),
#endif
#ifdef __NR_linkat
	SC(linkat,			PLEDGE_NONE),
#endif
#ifdef __NR_symlink
	SC(symlink,			PLEDGE_NONE),
#endif
#ifdef __NR_symlinkat
	SC(symlinkat,			PLEDGE_NONE),
#endif
#ifdef __NR_chmod
	SC(chmod,			PLEDGE_NONE),
#endif
#ifdef __NR_fchmod
	SC(fchmod,			PLEDGE_NONE),
#endif
#ifdef __NR_fchmodat
	SC(fchmodat,			PLEDGE_NONE),
#endif
#ifdef __NR_chown
	SC(chown,			PLEDGE_NONE),
#endif
#ifdef __NR_fchown
	SC(fchown,			PLEDGE_NONE),
#endif
#ifdef __NR_lchown
	SC(lchown,			PLEDGE_NONE),
#endif
#ifdef __NR_fchownat
	SC(fchownat,			PLEDGE_NONE),
#endif
#ifdef __NR_truncate
	SC(truncate,			PLEDGE_NONE),
#endif
#ifdef __NR_ftruncate
	SC(ftruncate,			PLEDGE_NONE),
#endif
#ifdef __NR_utimensat
	SC(utimensat,			PLEDGE_NONE),
#endif
#ifdef __NR_memfd_create
	SC(memfd_create,		PLEDGE_NONE),
#endif

	/* forbidden: descriptors and I/O paths around the filters */
#ifdef __NR_dup
	SC(dup,				PLEDGE_NONE),
#endif
#ifdef __NR_dup2
	SC(dup2,			PLEDGE_NONE),
#endif
#ifdef __NR_dup3
	SC(dup3,			PLEDGE_NONE),
#endif
#ifdef __NR_sendfile
	SC(sendfile,			PLEDGE_NONE),
#endif
#ifdef __NR_splice
	SC(splice,			PLEDGE_NONE),
#endif
#ifdef __NR_tee
	SC(tee,				PLEDGE_NONE),
#endif
#ifdef __NR_vmsplice
	SC(vmsplice,			PLEDGE_NONE),
#endif
#ifdef __NR_io_uring_setup
	SC(io_uring_setup,		PLEDGE_NONE),
#endif
#ifdef __NR_io_uring_enter
	SC(io_uring_enter,		PLEDGE_NONE),
#endif
#ifdef __NR_io_uring_register
	SC(io_uring_register,		PLEDGE_NONE),
#endif
#ifdef __NR_io_setup
	SC(io_setup,			PLEDGE_NONE),
#endif
#ifdef __NR_userfaultfd
	SC(userfaultfd,			PLEDGE_NONE),
#endif
#ifdef __NR_pkey_mprotect
	SC(pkey_mprotect,		PLEDGE_NONE),
#endif

	/* forbidden: sockets */
#ifdef __NR_socket
	SC(socket,			PLEDGE_NONE),
#endif
#ifdef __NR_socketpair
	SC(socketpair,			PLEDGE_NONE),
#endif
#ifdef __NR_bind
	SC(bind,			PLEDGE_NONE),
#endif
#ifdef __NR_connect
	SC(connect,			PLEDGE_NONE),
#endif
#ifdef __NR_listen
	SC(listen,			PLEDGE_NONE),
#endif
#ifdef __NR_setsockopt
	SC(setsockopt,			PLEDGE_NONE),
#endif
#ifdef __NR_sendmsg
	SC(sendmsg,			PLEDGE_NONE),
#endif
#ifdef __NR_sendmmsg
	SC(sendmmsg,			PLEDGE_NONE),
#endif
#ifdef __NR_recvmmsg
	SC(recvmmsg,			PLEDGE_NONE),
#endif

	/* forbidden: processes, signals, credentials */
#ifdef __NR_execve
	SC(execve,			PLEDGE_NONE),
#endif
#ifdef __NR_execveat
	SC(execveat,			PLEDGE_NONE),
#endif
#ifdef __NR_fork
	SC(fork,			PLEDGE_NONE),
#endif
#ifdef __NR_vfork
	SC(vfork,			PLEDGE_NONE),
#endif
#ifdef __NR_clone
	SC(clone,			PLEDGE_NONE),
#endif
#ifdef __NR_unshare
	SC(unshare,			PLEDGE_NONE),
#endif
#ifdef __NR_setns
	SC(setns,			PLEDGE_NONE),
#endif
#ifdef __NR_ptrace
	SC(ptrace,			PLEDGE_NONE),
#endif
#ifdef __NR_process_vm_readv
	SC(process_vm_readv,		PLEDGE_NONE),
#endif
#ifdef __NR_process_vm_writev
	SC(process_vm_writev,		PLEDGE_NONE),
#endif
#ifdef __NR_kcmp
	SC(kcmp,			PLEDGE_NONE),
#endif
#ifdef __NR_kill
	SC(kill,			PLEDGE_NONE),
#endif
#ifdef __NR_tkill
	SC(tkill,			PLEDGE_NONE),
#endif
#ifdef __NR_tgkill
	SC(tgkill,			PLEDGE_NONE),
#endif
#ifdef __NR_rt_sigqueueinfo
	SC(rt_sigqueueinfo,		PLEDGE_NONE),
#endif
#ifdef __NR_rt_tgsigqueueinfo
	SC(rt_tgsigqueueinfo,		PLEDGE_NONE),
#endif
#ifdef __NR_pidfd_open
	SC(pidfd_open,			PLEDGE_NONE),
#endif
#ifdef __NR_pidfd_getfd
	SC(pidfd_getfd,			PLEDGE_NONE),
#endif
#ifdef __NR_pidfd_send_signal
	SC(pidfd_send_signal,		PLEDGE_NONE),
#endif
#ifdef __NR_setuid
	SC(setuid,			PLEDGE_NONE),
#endif
#ifdef __NR_setgid
	SC(setgid,			PLEDGE_NONE),
#endif
#ifdef __NR_setreuid
	SC(setreuid,			PLEDGE_NONE),
#endif
#ifdef __NR_setregid
	SC(setregid,			PLEDGE_NONE),
#endif
#ifdef __NR_setresuid
	SC(setresuid,			PLEDGE_NONE),
#endif
#ifdef __NR_setresgid
	SC(setresgid,			PLEDGE_NONE),
#endif
#ifdef __NR_setfsuid
	SC(setfsuid,			PLEDGE_NONE),
#endif
#ifdef __NR_setfsgid
	SC(setfsgid,			PLEDGE_NONE),
#endif
#ifdef __NR_setgroups
	SC(setgroups,			PLEDGE_NONE),
#endif
#ifdef __NR_capset
	SC(capset,			PLEDGE_NONE),
#endif
#ifdef __NR_prctl
	SC(prctl,			PLEDGE_NONE),
#endif
#ifdef __NR_personality
	SC(personality,			PLEDGE_NONE),
#endif
#ifdef __NR_setrlimit
	SC(setrlimit,			PLEDGE_NONE),
#endif
#ifdef __NR_prlimit64
	SC(prlimit64,			PLEDGE_NONE),
#endif
#ifdef __NR_setpriority
	SC(setpriority,			PLEDGE_NONE),
#endif
#ifdef __NR_sched_setaffinity
	SC(sched_setaffinity,		PLEDGE_NONE),
#endif
#ifdef __NR_sched_setscheduler
	SC(sched_setscheduler,		PLEDGE_NONE),
#endif
#ifdef __NR_uname
	SC(uname,			PLEDGE_NONE),
#endif

	/* forbidden: the system */
#ifdef __NR_mount
	SC(mount,			PLEDGE_NONE),
#endif
#ifdef __NR_umount2
	SC(umount2,			PLEDGE_NONE),
#endif
#ifdef __NR_pivot_root
	SC(pivot_root,			PLEDGE_NONE),
#endif
#ifdef __NR_chroot
	SC(chroot,			PLEDGE_NONE),
#endif
#ifdef __NR_open_tree
	SC(open_tree,			PLEDGE_NONE),
#endif
#ifdef __NR_move_mount
	SC(move_mount,			PLEDGE_NONE),
#endif
#ifdef __NR_fsopen
	SC(fsopen,			PLEDGE_NONE),
#endif
#ifdef __NR_fsmount
	SC(fsmount,			PLEDGE_NONE),
#endif
#ifdef __NR_bpf
	SC(bpf,				PLEDGE_NONE),
#endif
#ifdef __NR_perf_event_open
	SC(perf_event_open,		PLEDGE_NONE),
#endif
#ifdef __NR_keyctl
	SC(keyctl,			PLEDGE_NONE),
#endif
#ifdef __NR_add_key
	SC(add_key,			PLEDGE_NONE),
#endif
#ifdef __NR_request_key
	SC(request_key,			PLEDGE_NONE),
#endif
#ifdef __NR_init_module
	SC(init_module,			PLEDGE_NONE),
#endif
#ifdef __NR_finit_module
	SC(finit_module,		PLEDGE_NONE),
#endif
#ifdef __NR_delete_module
	SC(delete_module,		PLEDGE_NONE),
#endif
#ifdef __NR_kexec_load
	SC(kexec_load,			PLEDGE_NONE),
#endif
#ifdef __NR_kexec_file_load
	SC(kexec_file_load,		PLEDGE_NONE),
#endif
#ifdef __NR_reboot
	SC(reboot,			PLEDGE_NONE),
#endif
#ifdef __NR_swapon
	SC(swapon,			PLEDGE_NONE),
#endif
#ifdef __NR_swapoff
	SC(swapoff,			PLEDGE_NONE),
#endif
#ifdef __NR_acct
	SC(acct,			PLEDGE_NONE),
#endif
#ifdef __NR_syslog
	SC(syslog,			PLEDGE_NONE),
#endif
#ifdef __NR_settimeofday
	SC(settimeofday,		PLEDGE_NONE),
#endif
#ifdef __NR_clock_settime
	SC(clock_settime,		PLEDGE_NONE),
#endif
#ifdef __NR_clock_adjtime
	SC(clock_adjtime,		PLEDGE_NONE),
#endif
#ifdef __NR_adjtimex
	SC(adjtimex,			PLEDGE_NONE),
#endif
#ifdef __NR_sethostname
	SC(sethostname,			PLEDGE_NONE),
#endif
#ifdef __NR_setdomainname
	SC(setdomainname,		PLEDGE_NONE),
#endif
#ifdef __NR_iopl
	SC(iopl,			PLEDGE_NONE),
#endif
#ifdef __NR_ioperm
	SC(ioperm,			PLEDGE_NONE),
#endif
#ifdef __NR_modify_ldt
	SC(modify_ldt,			PLEDGE_NONE),
#endif
#ifdef __NR_quotactl
	SC(quotactl,			PLEDGE_NONE),
#endif
#ifdef __NR_fanotify_init
	SC(fanotify_init,		PLEDGE_NONE),
#endif
#ifdef __NR_landlock_create_ruleset
	SC(landlock_create_ruleset,	PLEDGE_NONE),
#endif
};

#endif /* SANDBOX_SYSCALLS_H */
