"""A progress bar for long commands (demo data, imports)."""


class ProgressBar:
    """One bar per phase, redrawn in place on a terminal.

    When stdout is not a terminal (a log, `make run` piped), it prints a line at
    each quarter only, so a phase takes at most four lines.
    """

    WIDTH = 20

    def __init__(self, stdout, labels: dict[str, str]):
        self.stdout = stdout
        self.is_tty = stdout.isatty()
        self.quarters: dict[str, int] = {}
        self.labels = labels

    def __call__(self, phase: str, done: int, total: int) -> None:
        finished = done >= total
        if self.is_tty:
            self.stdout.write("\r" + self.line(phase, done, total), ending="\n" if finished else "")
            self.stdout.flush()
            return
        quarter = 4 * done // total if total else 4
        if quarter > self.quarters.get(phase, 0) or (finished and phase not in self.quarters):
            self.quarters[phase] = quarter
            self.stdout.write(self.line(phase, done, total))

    def line(self, phase: str, done: int, total: int) -> str:
        share = done / total if total else 1.0
        filled = round(self.WIDTH * share)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        label = self.labels.get(phase, phase)
        return f"{label:<12}[{bar}] {share:4.0%}  {done:,}/{total:,}"
