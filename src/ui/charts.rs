//! Charts as inline SVG, drawn from numbers the core computed: no chart library, no script.
//! Each chart has a text label for screen readers and a data table beside it; a bar's own
//! figure is its `<title>` (a tooltip): the chart is one image to assistive technology.

use leptos::prelude::*;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 34.0;

/// One series of a column chart: its name (legend) and CSS class (colour).
#[derive(Clone, Copy)]
pub struct Series {
    pub name: &'static str,
    pub class: &'static str,
}

/// A round upper bound for an axis: 1, 2, 5 × 10ⁿ, at least 1.
pub fn nice_ceiling(max: f64) -> f64 {
    if !max.is_finite() || max <= 1.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 5.0, 10.0] {
        if step * magnitude >= max {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

fn fmt_tick(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// Columns, grouped by category (e.g. month), one per series. Values are counts.
pub fn column_chart(
    label: String,
    series: Vec<Series>,
    groups: Vec<(String, Vec<f64>)>,
) -> impl IntoView {
    let max = groups
        .iter()
        .flat_map(|(_, values)| values.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let top = nice_ceiling(max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let n = groups.len().max(1) as f64;
    let group_w = plot_w / n;
    let bar_w = (group_w * 0.8 / series.len().max(1) as f64).max(1.0);
    // At most about twelve labels along the bottom.
    let label_every = (groups.len() / 12).max(1);
    let y = move |v: f64| TOP + plot_h - (v / top) * plot_h;
    let ticks: Vec<f64> = (0..=4).map(|i| top * f64::from(i) / 4.0).collect();
    let grid = ticks
        .into_iter()
        .map(|t| {
            view! {
                <line class="chart-grid" x1=LEFT x2=WIDTH - RIGHT y1=y(t) y2=y(t)></line>
                <text class="chart-tick" x=LEFT - 4.0 y=y(t) + 4.0 text-anchor="end">{fmt_tick(t)}</text>
            }
        })
        .collect_view();
    let bars = groups
        .iter()
        .enumerate()
        .map(|(gi, (name, values))| {
            let x0 = LEFT + group_w * gi as f64 + group_w * 0.1;
            let columns = values
                .iter()
                .zip(series.iter())
                .enumerate()
                .map(|(si, (v, s))| {
                    let v = if v.is_finite() { *v } else { 0.0 };
                    let h = (v / top) * plot_h;
                    view! {
                        <rect class=format!("chart-bar {}", s.class) x=x0 + bar_w * si as f64 y=TOP + plot_h - h
                            width=(bar_w - 1.0).max(1.0) height=h>
                            <title>{format!("{name}, {}: {}", s.name, fmt_tick(v))}</title>
                        </rect>
                    }
                })
                .collect_view();
            let show_label = gi % label_every == 0;
            view! {
                <g>
                    {columns}
                    {show_label.then(|| view! {
                        <text class="chart-label" x=LEFT + group_w * (gi as f64 + 0.5) y=HEIGHT - BOTTOM + 16.0 text-anchor="middle">{name.clone()}</text>
                    })}
                </g>
            }
        })
        .collect_view();
    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="chart-legend" aria-hidden="true">
                {series.iter().map(|s| view! { <li><span class=format!("swatch {}", s.class)></span>{s.name}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <figure class="chart">
            <svg class="chart-svg" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label preserveAspectRatio="xMidYMid meet">
                {grid}
                <line class="chart-axis" x1=LEFT x2=WIDTH - RIGHT y1=TOP + plot_h y2=TOP + plot_h></line>
                {bars}
            </svg>
            {legend}
        </figure>
    }
}

/// One row of a horizontal bar chart.
pub struct HBar {
    pub label: String,
    /// `None`: nothing to draw (no data).
    pub value: Option<f64>,
    /// What the bar says beside it.
    pub value_text: String,
    /// CSS class of the bar (status colour).
    pub class: String,
    /// Reference lines for this row: (value, CSS class, name).
    pub markers: Vec<(f64, &'static str, String)>,
}

/// Horizontal bars from 0 to `max`, each with its own reference marks (targets).
pub fn bar_rows(label: String, rows: Vec<HBar>, max: f64) -> impl IntoView {
    let row_h = 30.0;
    let label_w = 110.0;
    let text_w = 150.0;
    let height = TOP + row_h * rows.len().max(1) as f64 + 6.0;
    let plot_w = WIDTH - label_w - text_w;
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let x = move |v: f64| label_w + (v.clamp(0.0, max) / max) * plot_w;
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let y0 = TOP + row_h * i as f64;
            let bar = row.value.map(|v| {
                view! {
                    <rect class=format!("chart-bar {}", row.class) x=label_w y=y0 + 6.0
                        width=(x(v) - label_w).max(1.0) height=row_h - 12.0>
                        <title>{format!("{}: {}", row.label, row.value_text)}</title>
                    </rect>
                }
            });
            let markers = row
                .markers
                .into_iter()
                .map(|(v, class, name)| {
                    view! {
                        <line class=format!("chart-marker {class}") x1=x(v) x2=x(v) y1=y0 + 2.0 y2=y0 + row_h - 2.0>
                            <title>{name}</title>
                        </line>
                    }
                })
                .collect_view();
            view! {
                <g>
                    <text class="chart-label" x=label_w - 6.0 y=y0 + row_h / 2.0 + 4.0 text-anchor="end">{row.label.clone()}</text>
                    <rect class="chart-track" x=label_w y=y0 + 6.0 width=plot_w height=row_h - 12.0></rect>
                    {bar}
                    {markers}
                    <text class="chart-value" x=label_w + plot_w + 6.0 y=y0 + row_h / 2.0 + 4.0>{row.value_text.clone()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg class="chart-svg" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label preserveAspectRatio="xMidYMid meet">
                {body}
            </svg>
        </figure>
    }
}

/// A chart with its title, and whatever goes with it (a key, its data table).
#[component]
pub fn ChartPanel(title: &'static str, test_id: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="chart-panel" data-testid=test_id>
            <h3>{title}</h3>
            {children()}
        </section>
    }
}

/// The numbers behind a chart, folded away.
#[component]
pub fn DataTable(head: Vec<&'static str>, rows: Signal<Vec<Vec<String>>>) -> impl IntoView {
    view! {
        <details class="chart-data">
            <summary>"Data"</summary>
            <table>
                <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|row| view! {
                        <tr>{row.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
