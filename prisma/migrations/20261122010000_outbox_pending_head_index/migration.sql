-- DropIndex
DROP INDEX "OutboxMessage_orderKey_id_idx";

-- CreateIndex
CREATE INDEX "OutboxMessage_orderKey_status_id_idx" ON "OutboxMessage"("orderKey", "status", "id");

