-- A conversation's pending events without reading its history: a chat is one conversation for years, and
-- the oldest pending event is looked up for every message (7 ms per lookup at 20,000 events in one chat).
-- DropIndex
DROP INDEX "InboxEvent_conversationKey_id_idx";

-- CreateIndex
CREATE INDEX "InboxEvent_conversationKey_status_id_idx" ON "InboxEvent"("conversationKey", "status", "id");
