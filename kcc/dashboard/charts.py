"""Dashboard charts drawn on the server as SVG, for the PDF report (no browser there).

Small and fixed in form: bars grouped per label, or a line per series, with a
legend. The numbers themselves are always in the table printed beside the chart.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from kcc.dashboard.sections import Grafiek

WIDTH, HEIGHT = 640, 240
_LEFT, _BOTTOM, _TOP, _RIGHT = 48, 40, 12, 12
# Distinguishable in grey print too: dark, mid, light.
COLOURS = ["#1c4e80", "#e17000", "#5b8c2a", "#7a4b94", "#a0a0a0", "#c0392b", "#2a9d8f"]


def _number(value) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    return float(-(-value // magnitude) * magnitude)


def svg_chart(grafiek: Grafiek, *, title: str) -> SafeString:
    """An SVG image of `grafiek` with `title` as its accessible name."""
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM
    series = grafiek.reeksen
    top = _nice_max(max((_number(v) for s in series for v in s["data"]), default=0))
    n = max(len(grafiek.labels), 1)
    slot = plot_w / n

    def y(value) -> float:
        return _TOP + plot_h - _number(value) / top * plot_h

    shapes = []
    if grafiek.soort == "bar":
        bar_w = slot * 0.8 / max(len(series), 1)
        for s_index, serie in enumerate(series):
            colour = COLOURS[s_index % len(COLOURS)]
            for i, value in enumerate(serie["data"]):
                x = _LEFT + i * slot + slot * 0.1 + s_index * bar_w
                shapes.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                        f"{x:.1f}",
                        f"{y(value):.1f}",
                        f"{bar_w:.1f}",
                        f"{_TOP + plot_h - y(value):.1f}",
                        colour,
                    )
                )
    else:
        for s_index, serie in enumerate(series):
            points = " ".join(
                f"{_LEFT + (i + 0.5) * slot:.1f},{y(value):.1f}"
                for i, value in enumerate(serie["data"])
            )
            shapes.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
                    points,
                    COLOURS[s_index % len(COLOURS)],
                )
            )
    # At most ~12 axis labels, so a month of days stays readable.
    step = max(1, -(-n // 12))
    axis_labels = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="9" text-anchor="middle">{}</text>',
        (
            (f"{_LEFT + (i + 0.5) * slot:.1f}", HEIGHT - _BOTTOM + 14, str(label)[:14])
            for i, label in enumerate(grafiek.labels)
            if i % step == 0
        ),
    )
    legend_step = min(150, (WIDTH - _LEFT) // max(len(series), 1))
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" font-size="9">{}</text>',
        (
            (
                _LEFT + i * legend_step,
                HEIGHT - 14,
                COLOURS[i % len(COLOURS)],
                _LEFT + i * legend_step + 14,
                HEIGHT - 5,
                str(serie["label"])[: max(6, legend_step // 6)],
            )
            for i, serie in enumerate(series)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}"><title>{title}</title>'
        '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="#333"/>'
        '<text x="{tx}" y="{ty}" font-size="9" text-anchor="end">{top}</text>'
        '<text x="{tx}" y="{b}" font-size="9" text-anchor="end">0</text>'
        "{shapes}{axis}{legend}</svg>",
        w=WIDTH,
        h=HEIGHT,
        title=title,
        l=_LEFT,
        r=WIDTH - _RIGHT,
        b=_TOP + plot_h,
        tx=_LEFT - 4,
        ty=_TOP + 8,
        top=f"{top:g}",
        shapes=SafeString("".join(shapes)),
        axis=axis_labels,
        legend=legend,
    )
