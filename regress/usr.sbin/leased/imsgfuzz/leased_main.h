/*
 * Forced into leased.c when it is built for the fuzz targets with
 * -Dmain=leased_main: the renamed main() needs its prototype.
 */
int	main(int, char *[]);
