/*
 * Sandbox layer: pledge(2)-like system call filters (seccomp-BPF) and
 * unveil(2)-like file system restrictions (Landlock).
 *
 * sandbox_pledge() installs a seccomp filter built from the promises, a
 * string of space separated words.  A system call the filter knows but
 * the promises do not allow kills the process (SECCOMP_RET_KILL_PROCESS);
 * after sandbox_trap(1) it raises SIGSYS instead, and a handler writes
 * "sandbox: forbidden syscall NAME (nr N)" to stderr and then dies by
 * SIGSYS all the same.  A system call the filter does not know at all
 * fails with ENOSYS, so that libc falls back to an older one (clone3,
 * openat2, statx...).  Any other architecture or ABI (i386, x32) kills.
 *
 * A later call may narrow the promises (filters stack, the strictest
 * wins); asking for a promise not held before fails with EPERM.  Unknown
 * promise words fail with EINVAL.  The first call sets no_new_privs.
 * The filter covers the calling thread and what it would fork: pledge
 * before creating any thread.
 *
 * Logging to syslog(3) stays possible through the socket opened before
 * pledging (LOG_NDELAY), but glibc reconnects with socket and connect
 * when a send fails, and that is forbidden.
 *
 * Always allowed, whatever the promises: exit, exit_group, rt_sigreturn,
 * restart_syscall, and seccomp(SECCOMP_SET_MODE_FILTER, 0) so that the
 * process can narrow further.
 *
 * Promises:
 *  stdio	compute and talk over fds already open: read/write (and the
 *		v/p variants), close, close_range, fstat (newfstatat only
 *		with AT_EMPTY_PATH), lseek, memory (mmap/mprotect never
 *		with PROT_EXEC), poll/select/epoll, eventfd2, pipe2,
 *		timerfd, clocks and sleeps, the get*id calls, getrandom,
 *		signal handling, tgkill on this process only (raise(3),
 *		abort(3)), fcntl F_GETFD/F_SETFD/F_GETFL/F_SETFL, ioctl
 *		FIONREAD/TCGETS, shutdown, recvfrom, and sendto with a NULL
 *		address and a zero length (send(2)).  No dup, no sendmsg.
 *  recvfd	recvmsg(2), to receive descriptors over a socket.
 *  unix	socket(AF_UNIX, ...), accept, accept4, getsockname,
 *		getpeername, getsockopt(SOL_SOCKET, SO_PEERCRED or
 *		SO_ERROR).  Never bind or connect.
 *  packet	use a packet socket prepared and locked by the parent:
 *		read, write, recvfrom, recvmsg, sendto with a NULL address
 *		and a zero length.  Never sendmsg, sendmmsg, bind, connect
 *		or setsockopt, which could aim frames elsewhere or skip the
 *		egress filter (PACKET_QDISC_BYPASS).
 *  route	socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) (SOCK_CLOEXEC
 *		and SOCK_NONBLOCK allowed), recvfrom, recvmsg, getsockname.
 *		bind is not allowed: bind a netlink socket before pledging.
 *
 * sandbox_unveil(path, permissions) records that path may be used with
 * the permissions, any of "r" (read), "w" (write, truncate), "c" (create,
 * remove, rename: directories only) and "x" (execute).  A directory gets
 * the matching rights for everything beneath it; a file only the file
 * rights.  The path must exist (else ENOENT): Landlock rules hold open
 * files, not names.  sandbox_unveil(NULL, NULL) then restricts the process
 * to the recorded paths (every file system right of the running kernel's
 * Landlock ABI is handled; device ioctls are never granted) and locks:
 * later calls fail with EPERM.  Without any earlier call it denies the
 * whole file system.  Without Landlock the calls fail with ENOSYS or
 * EOPNOTSUPP, and the caller decides.  A caller without CAP_SYS_ADMIN gets
 * no_new_privs set.  Landlock only governs files opened afterwards, and
 * binds the children forked afterwards too (a re-exec needs "x").
 *
 * sandbox_landlock_abi() returns the running kernel's Landlock ABI
 * version, or -1 with errno ENOSYS or EOPNOTSUPP.
 */

#ifndef SANDBOX_H
#define SANDBOX_H

void	sandbox_trap(int);
int	sandbox_pledge(const char *);
int	sandbox_unveil(const char *, const char *);
int	sandbox_landlock_abi(void);

#endif /* SANDBOX_H */
