"""Plots the CSV of UnconditionalFractionCost: seconds per image against the fraction of steps with
unconditional rows.

    /usr/bin/python3 worker/bench/python/plot_fraction.py worker/target/bench/fraction.csv \
        docs/images/bench-unconditional-fraction.png "batch 64, DDIM 50, s = 3"
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    title = sys.argv[3] if len(sys.argv) > 3 else ""
    rows = list(csv.DictReader(open(source)))
    explicit = [r for r in rows if r["variant"].startswith("explicit")]
    interval = [r for r in rows if r["variant"].startswith("interval")]
    f0 = next(float(r["median_seconds_per_image"]) for r in explicit if float(r["fraction"]) == 0)
    f1 = next(float(r["median_seconds_per_image"]) for r in explicit if float(r["fraction"]) == 1)

    fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=120)
    ax.plot([0, 1], [1000 * f0, 1000 * f1], color="0.6", linewidth=1,
            label="linear between f = 0 and f = 1")
    ax.plot([0, 1], [1000 * f0, 2000 * f0], color="0.6", linewidth=1, linestyle="--",
            label="proportional to rows (B to 2B)")
    ax.plot([float(r["fraction"]) for r in explicit], [1000 * float(r["median_seconds_per_image"]) for r in explicit],
            "o", color="tab:blue", label="explicit schedules")
    if interval:
        ax.plot([float(r["fraction"]) for r in interval],
                [1000 * float(r["median_seconds_per_image"]) for r in interval],
                "^", color="tab:orange", markersize=8, label="interval schedules")
        for r in interval:
            ax.annotate(r["variant"].replace("interval ", ""), (float(r["fraction"]), 1000 * float(r["median_seconds_per_image"])),
                        textcoords="offset points", xytext=(6, -12), fontsize=8, color="tab:orange")
    ax.set_xlabel("fraction f of steps with unconditional rows")
    ax.set_ylabel("ms per image (median)")
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(bottom=0)
    ax.grid(True, color="0.9")
    ax.set_title("Guided sampler cost vs unconditional rows" + (f"\n{title}" if title else ""), fontsize=10)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
