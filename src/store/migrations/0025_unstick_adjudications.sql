-- Escalation used to fall back to the policy's other pools when no higher tier had experts, and
-- sent adjudications to pools with no expert (even down a tier), where nobody could take them.
-- Escalation now routes only to pools with an active expert, or leaves the work unrouted for
-- in-house staff and experts; the adjudications already stuck are handed back the same way.
UPDATE tasks t SET pool_id = NULL, member_role = NULL, routed_by = NULL
WHERE t.stage = 'adjudicate' AND t.status = 'queued' AND t.pool_id IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM pool_members m WHERE m.pool_id = t.pool_id AND m.role = 'expert' AND m.paused_at IS NULL
  );
