//! Leases: a request lives while the node that holds the person's session renews it, a case
//! while the node of its counselor does, and duty while the counselor's node does. Every node
//! sweeps what lapsed — the requests of sessions whose node died are cancelled, the cases of
//! counselors whose node died go back to the head of the queue (the person is told) — and
//! erases ended cases whose reading grace is over. Each step is a compare-and-swap: done
//! once, whichever node gets there first.

use ibasho_moderation::escalation::State;

use super::{Counsel, duration_ms};
use crate::refusal::Refusal;
use crate::store::EscalationSwap;
use crate::store::escalations::read_all;

/// What a lease is for, in a log line (never which case, room or person).
#[derive(Debug, Clone, Copy)]
enum Lease {
    Duty,
    Person,
    Counselor,
    Observer,
}

impl Lease {
    fn as_str(self) -> &'static str {
        match self {
            Lease::Duty => "duty",
            Lease::Person => "person",
            Lease::Counselor => "counselor",
            Lease::Observer => "observer",
        }
    }
}

/// A renewal that did not happen: said in the log by what it was for and why, never which.
fn renewal_failed(lease: Lease, why: &str) {
    tracing::warn!(
        lease = lease.as_str(),
        why,
        "could not renew a lease; trying again soon"
    );
}

impl Counsel {
    /// Renews what this node holds and sweeps what lapsed. False if a renewal failed: the
    /// follower then tries again well before the lease would lapse, rather than a tick later.
    pub(super) async fn keep_leases(&self) -> bool {
        let renewed = self.renew().await;
        if let Err(err) = self.sweep().await {
            tracing::warn!(error = %err, "could not sweep escalations");
        }
        renewed
    }

    /// Renews every lease this node holds that is past half its time; each failure is
    /// logged and the others still renewed. False if any failed.
    async fn renew(&self) -> bool {
        let now = self.now();
        let half = duration_ms(self.lease) / 2;
        let until = self.lease_end();
        let locals = self.hub.local_staff_sessions();
        let (persons, on_duty) = {
            let watch = self.watch();
            (watch.persons_here(), watch.on_duty_here())
        };
        let mut renewed = true;
        for token in on_duty {
            if let Some(handle) = locals
                .iter()
                .find(|(local, _)| *local == token)
                .map(|(_, handle)| handle.clone())
                && let Err(err) = self.store.set_duty(&handle, Some(until)).await
            {
                renewal_failed(Lease::Duty, &err.to_string());
                renewed = false;
            }
        }
        let records = match read_all(&*self.store).await {
            Ok(records) => records,
            Err(err) => {
                renewal_failed(Lease::Person, &err.to_string());
                return false;
            }
        };
        let held: Vec<&str> = locals.iter().map(|(_, handle)| handle.as_str()).collect();
        for (_, record) in records {
            if record.case.is_over() {
                continue;
            }
            let person_here = persons
                .iter()
                .any(|(token, id)| *id == record.id && self.hub.holds(token));
            if person_here && record.person_until < now + half {
                let done = self
                    .change(&record.id, |record| {
                        record.person_until = until;
                        Ok(())
                    })
                    .await;
                renewed &= Self::renewal(Lease::Person, done.map(|_| ()));
            }
            let counselor_here = record.counselor().is_some_and(|c| held.contains(&c));
            if counselor_here && record.counselor_until < now + half {
                let done = self
                    .change(&record.id, |record| {
                        record.counselor_until = until;
                        Ok(())
                    })
                    .await;
                renewed &= Self::renewal(Lease::Counselor, done.map(|_| ()));
            }
            let observer_here = record
                .observer
                .as_deref()
                .is_some_and(|observer| held.contains(&observer));
            if observer_here && record.observer_until < now + half {
                let done = self
                    .change(&record.id, |record| {
                        record.observer_until = until;
                        Ok(())
                    })
                    .await;
                renewed &= Self::renewal(Lease::Observer, done.map(|_| ()));
            }
        }
        renewed
    }

    /// Whether a renewal went through (a request that is gone meanwhile needs none).
    fn renewal(lease: Lease, done: Result<(), Refusal>) -> bool {
        match done {
            Ok(()) | Err(Refusal::NoSuchEscalation) => true,
            Err(refusal) => {
                renewal_failed(lease, refusal.code().as_str());
                false
            }
        }
    }

    /// No sweeping for one lease from now (after the store came back, so that every node
    /// renews what it holds first).
    pub(super) fn hold_sweeps(&self) {
        let until = self.lease_end();
        self.sweep_after
            .store(until, std::sync::atomic::Ordering::Relaxed);
    }

    async fn sweep(&self) -> Result<(), crate::store::StoreError> {
        let now = self.now();
        // Leases are not judged while held (the erasure after a reading grace is no lease).
        let held = now < self.sweep_after.load(std::sync::atomic::Ordering::Relaxed);
        for (stored, record) in read_all(&*self.store).await? {
            if let Some(erase_at) = record.erase_at {
                if erase_at <= now
                    && self
                        .store
                        .swap_escalation(&record.id, EscalationSwap::erase(&stored))
                        .await?
                    && record.case.awaiting_outcome_from().is_some()
                {
                    // Past the reading grace (or the wait for an outcome that never came:
                    // counted as none): nothing of the case stays.
                    self.count(crate::figures::name::OUTCOMES, Some("none"))
                        .await;
                }
                continue;
            }
            if record.case.is_over() || held {
                continue;
            }
            if record.person_until < now {
                // The person's node died and they did not come back.
                if let Ok((before, after, ())) = self
                    .change(&record.id, |record| {
                        if record.person_until < now {
                            record.case.session_ended();
                        }
                        Ok(())
                    })
                    .await
                {
                    self.finish(&before, &after).await;
                }
                continue;
            }
            if matches!(record.case.state, State::Connected { .. }) && record.counselor_until < now
            {
                self.lose_case(&record.id, now, None).await;
            }
            if let (Some(observer), Some(room)) = (&record.observer, &record.private_room)
                && record.observer_until < now
            {
                // The observer's node died: their seat freed first, then nobody observes
                // (the person is told), so that another supervisor told of it finds the seat.
                // Taken out, they are no longer the observer even if their node renews now.
                self.take_observer_out(&record.id, room, observer).await;
                let _ = self
                    .change(&record.id, |record| {
                        if record.observer.as_deref() == Some(observer.as_str()) {
                            record.observer = None;
                        }
                        Ok(())
                    })
                    .await;
            }
        }
        Ok(())
    }

    /// A counselor is gone (their session ended, or their node died): their cases go back
    /// to the head of the queue.
    pub(super) async fn lose_cases_of(&self, handle: &str) {
        let records = match read_all(&*self.store).await {
            Ok(records) => records,
            Err(err) => {
                tracing::warn!(error = %err, "could not read escalations");
                return;
            }
        };
        for (_, record) in records {
            if record.counselor() == Some(handle) {
                self.lose_case(&record.id, u64::MAX, Some(handle)).await;
            }
            if record.observer.as_deref() == Some(handle) {
                // A supervisor gone is no longer in the room: nobody observes now.
                let _ = self
                    .change(&record.id, |record| {
                        if record.observer.as_deref() == Some(handle) {
                            record.observer = None;
                        }
                        Ok(())
                    })
                    .await;
            }
        }
    }

    /// Puts a case whose counselor is gone back at the head of the queue (only if its lease
    /// is still before `lapsed_before`, and it is still `counselor`'s when one is named —
    /// both checked inside the swap) and closes its room.
    async fn lose_case(&self, id: &str, lapsed_before: u64, counselor: Option<&str>) {
        let now = self.now();
        let lost = self
            .change(id, |record| {
                let theirs = counselor.is_none_or(|handle| record.counselor() == Some(handle));
                if matches!(record.case.state, State::Connected { .. })
                    && record.counselor_until < lapsed_before
                    && theirs
                {
                    record.case.counselor_lost(now);
                    record.private_room = None;
                    record.leave_the_room();
                }
                Ok(())
            })
            .await;
        if let Ok((before, after, ())) = lost
            && before.private_room.is_some()
            && after.private_room.is_none()
        {
            self.close_room(before.private_room.as_deref()).await;
        }
    }
}
