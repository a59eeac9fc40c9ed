//! The app's state and the commands that change it. Components read its signals and memos and
//! call its commands; none writes a signal of it directly.

use std::sync::Arc;

use leptos::prelude::*;

use super::small_map::SmallMap;
use super::{format, link};
use crate::model::levers::{Setting, SEGMENT_LEVERS};
use crate::model::segments::Segment;
use crate::model::{project, Projection, ProjectionError, Scenario};
use crate::storage::{self, Entry};

/// A projection the page shows, with the scenario it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The scenario projected.
    pub scenario: Scenario,
    /// Its projection.
    pub projection: Projection,
}

/// A scenario opened from a link, shown instead of the manager's own until saved or closed.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    /// The manager's own scenario to return to, and its id.
    own: (String, Scenario),
}

/// A deleted scenario, kept until the next deletion so it can be brought back.
#[derive(Debug, Clone, PartialEq)]
pub struct Deleted {
    /// Its entry in the list.
    pub entry: Entry,
    scenario: Scenario,
    was_open: bool,
}

/// Whether a projection shown differs from the last one. A new projection is told from the last
/// by its address: comparing them figure by figure would cost every edit more than the rare
/// redraw it could spare.
pub fn projection_changed(
    old: Option<&Option<Arc<Shown>>>,
    new: Option<&Option<Arc<Shown>>>,
) -> bool {
    match (old, new) {
        (Some(Some(old)), Some(Some(new))) => !Arc::ptr_eq(old, new),
        (Some(None), Some(None)) => false,
        _ => true,
    }
}

/// Most scenarios compared at once: more columns would not be readable on a laptop screen.
pub const MOST_COMPARED: usize = 3;

/// Edits closer together than this, in milliseconds, are one step of undo: a burst of typing
/// or one slider drag.
const BURST_MS: f64 = 1_000.0;

/// One scenario's edits, for undo and redo, kept for the session.
#[derive(Debug, Default)]
struct History {
    /// Earlier states, oldest first.
    past: Vec<Scenario>,
    /// States undone, most recently undone last.
    future: Vec<Scenario>,
    /// When the last edit was made; 0 ends a burst.
    last_edit: f64,
    /// Which part of the scenario the last edit changed (see [`changed_part`]): an edit of
    /// another part starts a step of its own, however soon it follows.
    last_part: usize,
}

/// Where segments' parts start: past any setting's index.
const SEGMENT_PARTS: usize = 1 << 16;

/// Which part of the scenario an edit changed, to tell one field's burst from the next one's:
/// the index of the first setting that differs; past the settings, one part for each lever of
/// each segment; `usize::MAX` for the parts no lever covers (names, the currency, ranges).
fn changed_part(before: &Scenario, after: &Scenario) -> usize {
    let differs = |a: f64, b: f64| a.to_bits() != b.to_bits();
    if let Some(setting) =
        Setting::all().position(|setting| differs(setting.get(before), setting.get(after)))
    {
        return setting;
    }
    let segments = before.segmentation.segments.iter();
    let levers = SEGMENT_LEVERS.len();
    segments
        .zip(&after.segmentation.segments)
        .enumerate()
        .find_map(|(index, (was, is))| {
            let lever = SEGMENT_LEVERS
                .iter()
                .position(|lever| differs((lever.get)(was), (lever.get)(is)))?;
            Some(SEGMENT_PARTS + index * levers + lever)
        })
        .unwrap_or(usize::MAX)
}

/// Whether undo and redo have anything to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UndoState {
    /// An edit can be undone.
    pub can_undo: bool,
    /// An undone edit can be made again.
    pub can_redo: bool,
}

/// The app's state, shared through context.
#[derive(Clone, Copy)]
pub struct Planner {
    edited: RwSignal<Scenario>,
    /// The scenario as edited; may be invalid while the manager types.
    pub scenario: ReadSignal<Scenario>,
    text: RwSignal<SmallMap<String, String>>,
    /// Fields whose text is not a number yet, by path, with their message. They belong to the
    /// scenario being edited: a reset or a switch clears them.
    pub unreadable: ReadSignal<SmallMap<String, String>>,
    /// Counts replacements of the whole scenario (reset, switch, a link opened), so fields
    /// showing text of their own rewrite it from the new values.
    pub generation: RwSignal<u64>,
    id: RwSignal<String>,
    /// The id of the scenario being edited; it may not be saved yet.
    pub current_id: ReadSignal<String>,
    list: RwSignal<Vec<Entry>>,
    /// Every saved scenario, newest change first.
    pub saved: ReadSignal<Vec<Entry>>,
    shared_with: RwSignal<Option<Shared>>,
    /// The last scenario deleted, while it can still be brought back.
    pub deleted: RwSignal<Option<Deleted>>,
    /// The scenario being edited as another tab saved it, while this tab has edits of its own.
    pub theirs: RwSignal<Option<Scenario>>,
    /// An edit made here that is not saved yet.
    unsaved: StoredValue<bool>,
    histories: StoredValue<SmallMap<String, History>>,
    /// Whether undo and redo have anything to do, for their buttons.
    pub undo_state: RwSignal<UndoState>,
    /// Why the current scenario cannot be projected, if it cannot. Unchanged from one valid edit
    /// to the next, so field messages and notices do not re-run on every projection.
    pub error: Memo<Option<ProjectionError>>,
    /// The last valid projection, kept while the inputs are being fixed.
    pub shown: Memo<Option<Arc<Shown>>>,
    notes: RwSignal<Vec<String>>,
    /// Messages the manager should read, such as storage problems.
    pub notices: ReadSignal<Vec<String>>,
    /// Dark theme on.
    pub dark: RwSignal<bool>,
    /// The currency code as typed, for unit labels.
    pub currency: Memo<String>,
    comparing: RwSignal<Vec<Scenario>>,
    /// Saved scenarios shown side by side, the first the one the others are measured against;
    /// empty when not comparing.
    pub compared: ReadSignal<Vec<Scenario>>,
}

impl Planner {
    /// Creates the state around what storage held and provides it as context.
    pub fn provide(loaded: storage::Loaded, dark: bool) -> Self {
        let edited = RwSignal::new(loaded.scenario);
        // A new projection is told from the last by its address: comparing them figure by
        // figure would cost every edit more than the rare redraw it could spare.
        let result = Memo::new_with_compare(
            move |_| {
                edited.with(|s| {
                    project(s).map(|projection| {
                        Arc::new(Shown {
                            scenario: s.clone(),
                            projection,
                        })
                    })
                })
            },
            |old, new| match (old, new) {
                (Some(Ok(old)), Some(Ok(new))) => !Arc::ptr_eq(old, new),
                (Some(Err(old)), Some(Err(new))) => old != new,
                _ => true,
            },
        );
        let shown = Memo::new_with_compare(
            move |previous: Option<&Option<Arc<Shown>>>| {
                result.with(|r| match r {
                    Ok(shown) => Some(Arc::clone(shown)),
                    Err(_) => previous.cloned().flatten(),
                })
            },
            projection_changed,
        );
        let error = Memo::new(move |_| result.with(|r| r.as_ref().err().cloned()));
        let text = RwSignal::new(SmallMap::new());
        let id = RwSignal::new(loaded.id);
        let list = RwSignal::new(loaded.saved);
        let notes = RwSignal::new(loaded.notices);
        let comparing = RwSignal::new(Vec::new());
        let planner = Self {
            edited,
            scenario: edited.read_only(),
            text,
            unreadable: text.read_only(),
            generation: RwSignal::new(0),
            id,
            current_id: id.read_only(),
            list,
            saved: list.read_only(),
            shared_with: RwSignal::new(None),
            deleted: RwSignal::new(None),
            theirs: RwSignal::new(None),
            unsaved: StoredValue::new(false),
            histories: StoredValue::new(SmallMap::new()),
            undo_state: RwSignal::new(UndoState::default()),
            error,
            shown,
            notes,
            notices: notes.read_only(),
            dark: RwSignal::new(dark),
            currency: Memo::new(move |_| edited.with(|s| s.baseline.currency.clone())),
            comparing,
            compared: comparing.read_only(),
        };
        provide_context(planner);
        planner
    }

    /// Whether what is shown lags behind the inputs.
    pub fn is_stale(&self) -> bool {
        self.error.with(Option::is_some) || self.text.with(|u| !u.is_empty())
    }

    /// The message to show next to the field at `path`, if any, with numbers written for the
    /// manager's locale.
    pub fn message_for(&self, path: &str) -> Option<String> {
        self.text.with(|u| u.get(path).cloned()).or_else(|| {
            self.error.with(|e| match e {
                Some(ProjectionError::Invalid(errors)) => errors
                    .problem_at(path)
                    .map(|problem| problem.sentence(&format::in_sentence)),
                _ => None,
            })
        })
    }

    /// Whether a scenario from a link is shown rather than one of the manager's own.
    pub fn is_shared(&self) -> bool {
        self.shared_with.with(Option::is_some)
    }

    /// Changes the scenario being edited, as one step of undo or part of the current burst.
    pub fn edit(&self, change: impl FnOnce(&mut Scenario)) {
        let mut after = self.edited.get_untracked();
        change(&mut after);
        self.take_edit(after);
    }

    /// Puts `after`, the scenario as an edit left it, in place of the one being edited, and
    /// keeps the one it replaces for undo. Apart from [`Planner::edit`], which each caller's
    /// closure makes a copy of, so that the copies stay small.
    fn take_edit(&self, after: Scenario) {
        // Swapped in rather than copied out first: one copy of the scenario an edit.
        let Some(before) = self
            .edited
            .try_update_untracked(|edited| std::mem::replace(edited, after))
        else {
            return;
        };
        self.edited.notify();
        let part = self
            .edited
            .with_untracked(|after| changed_part(&before, after));
        self.keep_for_undo(before, Some(part));
        self.unsaved.set_value(true);
    }

    /// Keeps the state before a change for undo, as a step of its own.
    fn record_step(&self) {
        self.keep_for_undo(self.edited.get_untracked(), None);
    }

    /// Keeps `before` for undo: as a step of its own when `part` is `None`; for an edit of
    /// `part`, unless it continues a burst of edits of that part.
    fn keep_for_undo(&self, before: Scenario, part: Option<usize>) {
        let now = js_sys::Date::now();
        let id = self.id.get_untracked();
        self.histories.update_value(|all| {
            let history = all.get_or_insert_with(id, History::default);
            let continues = part.is_some_and(|part| {
                part == history.last_part && now - history.last_edit <= BURST_MS
            });
            if !continues || history.past.is_empty() {
                history.past.push(before);
                history.future.clear();
            }
            history.last_edit = if part.is_some() { now } else { 0.0 };
            history.last_part = part.unwrap_or(usize::MAX);
        });
        self.refresh_undo_state();
    }

    fn refresh_undo_state(&self) {
        let id = self.id.get_untracked();
        let state = self.histories.with_value(|all| {
            all.get(&id).map_or(UndoState::default(), |h| UndoState {
                can_undo: !h.past.is_empty(),
                can_redo: !h.future.is_empty(),
            })
        });
        if self.undo_state.get_untracked() != state {
            self.undo_state.set(state);
        }
    }

    /// Splits a new segment off the customer base, as one step of undo.
    pub fn add_segment(&self) {
        self.record_step();
        self.unsaved.set_value(true);
        self.edited.update(|s| {
            let name = format!("Segment {}", s.segmentation.segments.len() + 1);
            let segment = Segment::like_the_base(s, name);
            s.segmentation.segments.push(segment);
        });
    }

    /// Changes segment `index`, as an edit of the scenario; nothing when there is no such
    /// segment.
    pub fn edit_segment(&self, index: usize, change: impl FnOnce(&mut Segment)) {
        if self
            .edited
            .with_untracked(|s| index < s.segmentation.segments.len())
        {
            self.edit(|s| change(&mut s.segmentation.segments[index]));
        }
    }

    /// Gives segment `index`'s customers back to the others, as one step of undo.
    pub fn remove_segment(&self, index: usize) {
        self.record_step();
        self.unsaved.set_value(true);
        // Its fields go with it: what was typed there must not hold the figures back.
        self.text
            .update(|t| t.retain(|path, _| !path.starts_with("segment")));
        self.edited.update(|s| {
            if index < s.segmentation.segments.len() {
                s.segmentation.segments.remove(index);
            }
        });
    }

    /// Goes back one step of edits of the scenario being edited.
    pub fn undo(&self) {
        self.step(true);
    }

    /// Makes again the step of edits undone last.
    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, back: bool) {
        let id = self.id.get_untracked();
        let current = self.edited.get_untracked();
        let target = self.histories.try_update_value(|all| {
            let history = all.get_mut(&id)?;
            let (from, to) = if back {
                (&mut history.past, &mut history.future)
            } else {
                (&mut history.future, &mut history.past)
            };
            let target = from.pop()?;
            to.push(current);
            // The next edit starts a step of its own.
            history.last_edit = 0.0;
            Some(target)
        });
        if let Some(Some(target)) = target {
            self.unsaved.set_value(true);
            self.replace(target);
            self.refresh_undo_state();
        }
    }

    /// Records what a field's text says: `Some(problem)` while it is not a number, `None` once
    /// it reads.
    pub fn set_field_problem(&self, path: &str, problem: Option<String>) {
        let unchanged = self
            .text
            .with_untracked(|t| t.get(path) == problem.as_ref());
        if unchanged {
            return;
        }
        self.text.update(|t| match problem {
            Some(problem) => {
                t.insert(path.to_owned(), problem);
            }
            None => {
                t.remove(path);
            }
        });
    }

    /// Shows `scenario` in place of what is being edited, with no field text left over.
    fn replace(&self, scenario: Scenario) {
        self.text.set(SmallMap::new());
        self.edited.set(scenario);
        self.generation.update(|g| *g += 1);
    }

    /// Puts the example back, as an edit of the scenario being edited: undo brings the
    /// figures back.
    pub fn reset_to_example(&self) {
        let name = self.edited.with_untracked(|s| s.name.clone());
        self.record_step();
        self.unsaved.set_value(true);
        self.replace(Scenario {
            name,
            ..Scenario::default()
        });
    }

    /// A message for the manager, shown once.
    pub fn notify(&self, message: String) {
        self.notes.update(|n| {
            if !n.contains(&message) {
                n.push(message);
            }
        });
    }

    /// Removes the message at `index`.
    pub fn dismiss(&self, index: usize) {
        self.notes.update(|n| {
            if index < n.len() {
                n.remove(index);
            }
        });
    }

    /// Switches between the light and the dark theme, and remembers the choice.
    pub fn toggle_theme(&self) {
        self.dark.update(|dark| *dark = !*dark);
        storage::save_theme(if self.dark.get_untracked() {
            "dark"
        } else {
            "light"
        });
    }

    /// Saves an edit made here, if there is one. A scenario that does not validate is not saved
    /// over its last valid version: its edits are kept as its draft, which comes back with it
    /// (see [`Planner::restore_draft`]), and the last valid version is saved if it never was.
    /// A scenario from a link is kept in the page's address instead, once valid, so a reload
    /// shows it with its edits, and the manager's own scenarios are never touched.
    pub fn save(&self) {
        // While another tab's version waits for the manager's choice, nothing overwrites it.
        let waiting = self.theirs.with_untracked(Option::is_some);
        if !self.unsaved.get_value() || waiting {
            return;
        }
        // Text that does not read as a number leaves the scenario as it was: that is valid.
        let invalid = self.error.with_untracked(Option::is_some);
        if self.shared_with.with_untracked(Option::is_some) {
            if !invalid {
                self.unsaved.set_value(false);
                self.edited.with_untracked(link::show_in_address);
            }
            return;
        }
        self.unsaved.set_value(false);
        let id = self.id.get_untracked();
        let saved = if invalid {
            let never_saved = self.list.with_untracked(|l| l.iter().all(|e| e.id != id));
            let last_valid = self
                .shown
                .with_untracked(|s| s.as_ref().map(|s| s.scenario.clone()));
            let first = match last_valid.filter(|_| never_saved) {
                Some(valid) => storage::save(&id, &valid).map(|entry| self.remember(entry)),
                None => Ok(()),
            };
            first.and_then(|()| self.edited.with_untracked(|s| storage::save_draft(&id, s)))
        } else {
            let saved = self.edited.with_untracked(|s| storage::save(&id, s));
            saved.map(|entry| {
                self.remember(entry);
                storage::clear_draft(&id);
            })
        };
        match saved {
            Ok(()) | Err(storage::SaveError::Unavailable) => {}
            // Unavailable storage was reported at start-up; say nothing more on every edit.
            Err(error) => self.notify(format!("Not saved: {error}.")),
        }
    }

    /// Brings back the open scenario's draft, if it has one: edits that did not validate when
    /// the page was left or another scenario opened. It comes back as one edit, so undo returns
    /// to the version saved, and the fields that need fixing say so.
    pub fn restore_draft(&self) {
        let id = self.id.get_untracked();
        let Some(draft) = storage::draft(&id) else {
            return;
        };
        // Shown already, as a link's visitor returns to their own scenario: still unsaved.
        if self.edited.with_untracked(|s| *s == draft) {
            self.unsaved.set_value(true);
            return;
        }
        // The figures of the version saved stay shown, marked out of date, until the draft
        // validates: they are worked out before the draft takes its place.
        self.shown.with_untracked(|_| ());
        self.record_step();
        self.unsaved.set_value(true);
        self.edited.set(draft);
        self.notify(
            "Your last changes to this scenario are back. They are not saved until the fields marked are put right."
                .into(),
        );
    }

    /// Puts `entry` in the list, in place of its older self.
    fn remember(&self, entry: Entry) {
        self.list
            .update(|list| storage::insert_by_time(list, entry));
    }

    /// Shows `scenario` under `id`, with nothing unsaved and the undo history of that id, in
    /// the planner: opening a scenario leaves a comparison.
    fn show(&self, id: String, scenario: Scenario) {
        if self.comparing.with_untracked(|c| !c.is_empty()) {
            self.close_compare();
        }
        self.unsaved.set_value(false);
        self.id.set(id);
        self.replace(scenario);
        self.refresh_undo_state();
        self.restore_draft();
    }

    /// Saves what is pending, then opens `scenario` under `id`.
    fn open(&self, id: String, scenario: Scenario) {
        self.save();
        self.shared_with.set(None);
        self.show(id, scenario);
    }

    /// Opens the saved scenario `id`.
    pub fn switch(&self, id: &str) {
        if self.id.get_untracked() == id && !self.is_shared() {
            return;
        }
        match storage::open(id) {
            Some(scenario) => {
                if self.is_shared() {
                    self.close_shared();
                }
                self.open(id.to_owned(), scenario);
                storage::set_current(id);
            }
            None => self.notify(
                "That scenario could not be opened: it is no longer in this browser's storage."
                    .into(),
            ),
        }
    }

    /// `name`, or `name (2)`... whichever no saved scenario has.
    fn unique_name(&self, name: &str) -> String {
        self.list
            .with_untracked(|list| storage::unique_name(name, list.iter().map(|e| e.name.as_str())))
    }

    /// Settles the name once the manager has finished typing it: without spaces at its ends,
    /// `before` (the name before the typing) when left empty, and with " (2)"... when another
    /// saved scenario has it, as a scenario added from a link or a file gets.
    pub fn settle_name(&self, before: &str) {
        let id = self.id.get_untracked();
        let typed = self.edited.with_untracked(|s| s.name.trim().to_owned());
        let name = match (typed.is_empty(), before.trim().is_empty()) {
            (false, _) => typed,
            (true, false) => before.trim().to_owned(),
            (true, true) => Scenario::default().name,
        };
        let name = self.list.with_untracked(|list| {
            storage::unique_name(
                &name,
                list.iter().filter(|e| e.id != id).map(|e| e.name.as_str()),
            )
        });
        if self.edited.with_untracked(|s| s.name != name) {
            self.edit(|s| s.name = name);
        }
    }

    /// Settles segment `index`'s name once typed: without spaces at its ends, and with " (2)"...
    /// when another segment, or the other customers, have it. An empty one stays, for its
    /// message to ask for a name.
    pub fn settle_segment_name(&self, index: usize) {
        let settled = self.edited.with_untracked(|s| {
            let name = s.segmentation.segments.get(index)?.name.trim().to_owned();
            if name.is_empty() {
                return None;
            }
            let others = s
                .segmentation
                .segments
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, segment)| segment.name.trim())
                .chain([s.segmentation.others_name.as_str()]);
            Some(storage::unique_name(&name, others))
        });
        let Some(name) = settled else {
            return;
        };
        if self
            .edited
            .with_untracked(|s| s.segmentation.segments[index].name != name)
        {
            self.edit_segment(index, |segment| segment.name = name);
        }
    }

    /// Adds `scenario` to the saved ones under a name no other has, and opens it.
    fn add(&self, mut scenario: Scenario) {
        scenario.name = self.unique_name(&scenario.name);
        self.open(storage::new_id(), scenario);
        self.unsaved.set_value(true);
        self.save();
    }

    /// Adds a scenario from a file to the saved ones, under a name of its own, and opens it.
    pub fn import(&self, scenario: Scenario) {
        if self.is_shared() {
            self.close_shared();
        }
        self.add(scenario);
    }

    /// A new scenario from the example.
    pub fn create(&self) {
        if self.is_shared() {
            self.close_shared();
        }
        self.add(Scenario {
            name: "New scenario".into(),
            ..Scenario::default()
        });
    }

    /// A new scenario with none of the example's figures, in the current scenario's currency.
    pub fn create_blank(&self) {
        let currency = self.currency.get_untracked();
        if self.is_shared() {
            self.close_shared();
        }
        self.add(Scenario::blank(&currency));
    }

    /// Shows the saved scenarios `ids` side by side, in that order (at most [`MOST_COMPARED`]),
    /// after saving what is pending, so the one being edited is compared as it is now.
    pub fn compare(&self, ids: &[String]) {
        self.save();
        let compared: Vec<Scenario> = ids
            .iter()
            .take(MOST_COMPARED)
            .filter_map(|id| storage::open(id))
            .collect();
        if compared.len() < ids.len().min(MOST_COMPARED) {
            self.notify(
                "A scenario could not be compared: it is no longer in this browser's storage."
                    .into(),
            );
        }
        if compared.len() >= 2 {
            self.comparing.set(compared);
        }
    }

    /// Leaves the comparison for the planner.
    pub fn close_compare(&self) {
        self.comparing.set(Vec::new());
    }

    /// Whether saved scenarios are shown side by side.
    pub fn is_comparing(&self) -> bool {
        self.comparing.with(|c| !c.is_empty())
    }

    /// A copy of the scenario being edited, opened.
    pub fn duplicate(&self) {
        let mut copy = self.edited.get_untracked();
        copy.name = format!("{} (copy)", copy.name);
        if self.is_shared() {
            self.close_shared();
        }
        self.add(copy);
    }

    /// Deletes saved scenario `id`; [`Planner::undo_delete`] brings it back.
    pub fn delete(&self, id: &str) {
        let Some(entry) = self
            .list
            .with_untracked(|l| l.iter().find(|e| e.id == id).cloned())
        else {
            return;
        };
        let was_open = self.id.get_untracked() == id && !self.is_shared();
        if was_open {
            self.save();
        }
        let Some(scenario) = storage::open(id) else {
            return;
        };
        storage::delete(id);
        self.list.update(|l| l.retain(|e| e.id != id));
        if was_open {
            let next = self.list.with_untracked(|l| l.first().cloned());
            match next.and_then(|e| storage::open(&e.id).map(|s| (e.id, s))) {
                Some((next_id, next)) => {
                    self.open(next_id.clone(), next);
                    storage::set_current(&next_id);
                }
                None => self.open(storage::new_id(), Scenario::default()),
            }
        }
        self.deleted.set(Some(Deleted {
            entry,
            scenario,
            was_open,
        }));
    }

    /// Brings back the scenario deleted last, with its id and time of last change.
    pub fn undo_delete(&self) {
        let Some(deleted) = self.deleted.get_untracked() else {
            return;
        };
        self.deleted.set(None);
        match storage::restore(&deleted.entry, &deleted.scenario) {
            Ok(()) => {
                self.list
                    .update(|l| storage::insert_by_time(l, deleted.entry.clone()));
                if deleted.was_open {
                    self.switch(&deleted.entry.id);
                }
            }
            Err(error) => self.notify(format!("Could not bring it back: {error}.")),
        }
    }

    /// Shows `scenario` from a link in place of the manager's own, which stays untouched.
    pub fn open_shared(&self, scenario: Scenario) {
        self.save();
        if self.shared_with.with_untracked(Option::is_none) {
            let own = (self.id.get_untracked(), self.edited.get_untracked());
            self.shared_with.set(Some(Shared { own }));
        }
        // An id of its own, so its edits have their own undo history.
        self.show(storage::new_id(), scenario);
    }

    /// Leaves the shared scenario and returns to the manager's own.
    pub fn close_shared(&self) {
        let Some(Shared {
            own: (id, scenario),
        }) = self.shared_with.get_untracked()
        else {
            return;
        };
        link::clear_address();
        self.shared_with.set(None);
        self.show(id, scenario);
    }

    /// Adds the shared scenario, as it is now, to the manager's own scenarios and opens it there.
    pub fn save_shared(&self) {
        if self.shared_with.with_untracked(Option::is_none) {
            return;
        }
        let scenario = self.edited.get_untracked();
        link::clear_address();
        self.shared_with.set(None);
        self.add(scenario);
    }

    /// Another tab wrote `value` under storage `key`. The list follows at once; the scenario
    /// being edited follows too when this tab has no edits of its own, else the manager is asked.
    pub fn stored_elsewhere(&self, key: &str, value: Option<&str>) {
        if key == storage::INDEX_KEY {
            self.list.set(storage::list());
            return;
        }
        let current = storage::record_key(&self.id.get_untracked());
        if key != current || self.is_shared() {
            return;
        }
        let Some(theirs) = value.and_then(|text| storage::read_scenario(text).ok()) else {
            return;
        };
        if self.edited.with_untracked(|mine| *mine == theirs) {
            return;
        }
        if self.unsaved.get_value() || untrack(|| self.is_stale()) {
            self.theirs.set(Some(theirs));
        } else {
            self.replace(theirs);
        }
    }

    /// Takes the other tab's version of the scenario in place of this tab's edits, which undo
    /// can still bring back.
    pub fn load_theirs(&self) {
        let Some(theirs) = self.theirs.get_untracked() else {
            return;
        };
        self.theirs.set(None);
        self.record_step();
        self.unsaved.set_value(false);
        self.replace(theirs);
    }

    /// Keeps this tab's edits as a new scenario, leaving the other tab's version saved.
    pub fn keep_mine_as_copy(&self) {
        self.theirs.set(None);
        let name = self.edited.with_untracked(|s| format!("{} (copy)", s.name));
        let name = self.unique_name(&name);
        // The other tab's version stays under the old id; this tab's goes under a new one.
        self.unsaved.set_value(false);
        self.id.set(storage::new_id());
        self.edit(|s| s.name = name);
        self.save();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_setting_and_each_segments_lever_is_a_part_of_its_own() {
        let mut before = Scenario::default();
        before.segmentation.segments = vec![Segment::key_accounts(), Segment::key_accounts()];
        let part = |change: fn(&mut Scenario)| {
            let mut after = before.clone();
            change(&mut after);
            changed_part(&before, &after)
        };
        let churn = part(|s| s.revenue_center.monthly_churn = 0.01);
        let revenue = part(|s| s.segmentation.segments[0].revenue_per_customer_per_month += 1.0);
        let margin = part(|s| s.segmentation.segments[0].gross_margin = 0.5);
        let second = part(|s| s.segmentation.segments[1].revenue_per_customer_per_month += 1.0);
        let parts = [churn, revenue, margin, second];
        for (i, a) in parts.iter().enumerate() {
            assert!(parts[i + 1..].iter().all(|b| a != b), "{parts:?}");
            assert_ne!(*a, usize::MAX);
        }
        assert_eq!(part(|s| s.name = "Renamed".into()), usize::MAX);
    }
}
