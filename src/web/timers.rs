//! Waiting for a pause: one timer that re-arms itself while calls keep coming, for the save and
//! for the views that follow typing once it pauses.

use std::time::Duration;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// Where a pause timer lives: the timer while one is armed.
pub type TimerSlot = StoredValue<Option<Timeout>, LocalStorage>;

/// Runs `then` once `pause` has passed since the last call for this `slot`. A call only notes
/// the time in `last_ms`; one timer waits, re-arming itself while calls keep coming, instead of
/// a timer made and cancelled per keystroke.
pub fn after_pause(
    slot: TimerSlot,
    last_ms: StoredValue<f64>,
    pause: Duration,
    then: impl FnOnce() + 'static,
) {
    last_ms.set_value(js_sys::Date::now());
    if slot.with_value(|t| t.is_none()) {
        arm_after_pause(slot, last_ms, pause, pause.as_millis() as u32, then);
    }
}

/// Arms `slot` to run `then` once `pause` has passed since the time in `last_ms`, first checking
/// after `wait_ms`.
fn arm_after_pause(
    slot: TimerSlot,
    last_ms: StoredValue<f64>,
    pause: Duration,
    wait_ms: u32,
    then: impl FnOnce() + 'static,
) {
    let timeout = Timeout::new(wait_ms, move || {
        slot.set_value(None);
        let quiet_for = js_sys::Date::now() - last_ms.get_value();
        let pause_ms = pause.as_millis() as f64;
        if quiet_for < pause_ms {
            arm_after_pause(
                slot,
                last_ms,
                pause,
                (pause_ms - quiet_for).ceil() as u32,
                then,
            );
        } else {
            then();
        }
    });
    slot.set_value(Some(timeout));
}

/// Runs `then` on the next task: lets the page render and handle input first.
pub fn next_task(slot: TimerSlot, then: impl FnOnce() + 'static) {
    let timeout = Timeout::new(0, move || {
        slot.set_value(None);
        then();
    });
    slot.set_value(Some(timeout));
}

/// Cancels the timer in `slot`, if one is armed.
pub fn cancel(slot: TimerSlot) {
    if let Some(timer) = slot.try_update_value(Option::take).flatten() {
        timer.cancel();
    }
}
