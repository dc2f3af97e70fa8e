-- CreateIndex
CREATE INDEX "Message_conversationId_createdAt_idx" ON "Message"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_conversationId_number_idx" ON "Ticket"("conversationId", "number");

