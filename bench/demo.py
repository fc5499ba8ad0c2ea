"""Time `edusalud demo` on a fresh SQLite database and report its peak memory.

Why: the demo must load the national dataset well under a minute at scale 1
and still work at scale 10. This prints the wall time (against the 60 s goal)
and the peak memory, nothing else asserted.

    .venv/bin/python bench/demo.py [--scale 1] [--seed 42] [--no-trace]

The timed run has no tracing. tracemalloc slows Python down, so the Python
peak is measured in a second load (with --force, which erases first) unless
--no-trace is given; ru_maxrss is the process peak over both runs.
"""

import argparse
import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc

GOAL_SECONDS = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--no-trace", action="store_true", help="skip the second, traced run (tracemalloc)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="edusalud-bench-") as var_dir:
        # Before django.setup(): the settings read these once.
        os.environ["VAR_DIR"] = var_dir
        os.environ["DJANGO_SETTINGS_MODULE"] = "edusalud.config.settings"
        os.environ["DEBUG"] = "1"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)

        started = time.perf_counter()
        call_command("demo", scale=args.scale, seed=args.seed, stdout=io.StringIO())
        wall = time.perf_counter() - started

        traced_peak = None
        if not args.no_trace:
            tracemalloc.start()
            call_command("demo", scale=args.scale, seed=args.seed, force=True, stdout=io.StringIO())
            traced_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()

    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    maxrss_mib = maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    print(f"scale: {args.scale:g} (seed {args.seed})")
    print(f"residents in training: {round(15_938 * args.scale):,}")
    print(f"wall time: {wall:.1f} s")
    print(f"goal: < {GOAL_SECONDS} s (ratio {wall / GOAL_SECONDS:.2f})")
    if traced_peak is not None:
        print(f"tracemalloc peak: {traced_peak / 2**20:.0f} MiB")
    print(f"ru_maxrss: {maxrss_mib:.0f} MiB")


if __name__ == "__main__":
    main()
