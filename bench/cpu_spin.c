/* cpu_spin.c — a CPU-bound loop of a fixed amount of work, for batch_bench.sh: two of
 * them at once against one show how much of a second core the machine gives right now
 * (on a shared machine, often less than a core), the ceiling of any -j 2 speed-up. */
#include <stdio.h>

int main(void)
{
    volatile double x = 0;
    for (long i = 0; i < 300000000L; i++)
        x += (double)i * 1e-9;
    printf("%f\n", x);
    return 0;
}
