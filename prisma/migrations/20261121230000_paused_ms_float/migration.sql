-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "category" TEXT NOT NULL DEFAULT 'general',
    "categoryConfidence" REAL NOT NULL DEFAULT 0,
    "type" TEXT NOT NULL DEFAULT 'service_request',
    "typeConfidence" REAL NOT NULL DEFAULT 0,
    "priority" TEXT NOT NULL DEFAULT 'P3',
    "priorityConfidence" REAL NOT NULL DEFAULT 0,
    "language" TEXT NOT NULL DEFAULT 'en',
    "supportLine" TEXT NOT NULL DEFAULT 'L1',
    "articleKey" TEXT,
    "resolvedBy" TEXT,
    "csat" INTEGER,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "firstResponseDue" DATETIME,
    "resolutionDue" DATETIME,
    "firstResponseAt" DATETIME,
    "escalatedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "pausedAt" DATETIME,
    "pausedMs" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Ticket_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "Requester" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Agent" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Ticket" ("articleKey", "assigneeId", "category", "categoryConfidence", "channel", "closedAt", "conversationId", "createdAt", "csat", "escalatedAt", "firstResponseAt", "firstResponseDue", "id", "language", "number", "pausedAt", "pausedMs", "priority", "priorityConfidence", "reopenCount", "requesterId", "resolutionDue", "resolvedAt", "resolvedBy", "status", "subject", "supportLine", "type", "typeConfidence", "updatedAt") SELECT "articleKey", "assigneeId", "category", "categoryConfidence", "channel", "closedAt", "conversationId", "createdAt", "csat", "escalatedAt", "firstResponseAt", "firstResponseDue", "id", "language", "number", "pausedAt", "pausedMs", "priority", "priorityConfidence", "reopenCount", "requesterId", "resolutionDue", "resolvedAt", "resolvedBy", "status", "subject", "supportLine", "type", "typeConfidence", "updatedAt" FROM "Ticket";
DROP TABLE "Ticket";
ALTER TABLE "new_Ticket" RENAME TO "Ticket";
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");
CREATE INDEX "Ticket_status_category_idx" ON "Ticket"("status", "category");
CREATE INDEX "Ticket_requesterId_createdAt_idx" ON "Ticket"("requesterId", "createdAt");
CREATE INDEX "Ticket_createdAt_idx" ON "Ticket"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

