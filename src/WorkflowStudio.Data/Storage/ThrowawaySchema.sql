CREATE TABLE "AlertRules" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AlertRules" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Metric" TEXT NOT NULL,
    "Threshold" REAL NOT NULL,
    "WindowMinutes" INTEGER NOT NULL,
    "WorkflowId" TEXT NULL,
    "WebhookUrl" TEXT NULL,
    "Enabled" INTEGER NOT NULL,
    "LastFiredAtMs" INTEGER NULL
);


CREATE TABLE "ApiKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "Workflows" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "LastUsedAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL
);


CREATE TABLE "Datasets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Datasets" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "LatestVersion" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);


CREATE TABLE "ModelCallRollups" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ModelCallRollups" PRIMARY KEY AUTOINCREMENT,
    "WidthMs" INTEGER NOT NULL,
    "StartMs" INTEGER NOT NULL,
    "WorkflowId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Tag" TEXT NOT NULL,
    "StepId" TEXT NOT NULL,
    "Model" TEXT NOT NULL,
    "ErrorCode" TEXT NOT NULL,
    "Calls" INTEGER NOT NULL,
    "FailedCalls" INTEGER NOT NULL,
    "CacheHits" INTEGER NOT NULL,
    "Runs" INTEGER NOT NULL,
    "StepRuns" INTEGER NOT NULL,
    "ModelRuns" INTEGER NOT NULL,
    "StepModelRuns" INTEGER NOT NULL,
    "InputTokens" INTEGER NOT NULL,
    "OutputTokens" INTEGER NOT NULL,
    "Cost" TEXT NOT NULL,
    "MaxLatencyMs" REAL NOT NULL,
    "LastAtMs" INTEGER NOT NULL,
    "LastError" TEXT NULL,
    "Latencies" BLOB NOT NULL
);


CREATE TABLE "ModelCalls" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ModelCalls" PRIMARY KEY AUTOINCREMENT,
    "AtMs" INTEGER NOT NULL,
    "WorkflowId" TEXT NULL,
    "Version" INTEGER NULL,
    "Tag" TEXT NULL,
    "RunId" TEXT NULL,
    "StepId" TEXT NULL,
    "Iteration" INTEGER NOT NULL,
    "Model" TEXT NOT NULL,
    "Purpose" TEXT NOT NULL,
    "InputTokens" INTEGER NOT NULL,
    "OutputTokens" INTEGER NOT NULL,
    "Cost" REAL NOT NULL,
    "LatencyMs" REAL NOT NULL,
    "FirstTokenMs" REAL NULL,
    "CacheHit" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "FallbackFrom" TEXT NULL,
    "ErrorCode" TEXT NULL,
    "Error" TEXT NULL,
    "Prompt" TEXT NULL,
    "Answer" TEXT NULL,
    "RunMarks" INTEGER NOT NULL,
    "RolledUp" INTEGER NOT NULL
);


CREATE TABLE "ResponseCache" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_ResponseCache" PRIMARY KEY,
    "Value" BLOB NOT NULL,
    "ExpiresAtMs" INTEGER NOT NULL,
    "SlidingMs" INTEGER NULL,
    "AbsoluteExpiresAtMs" INTEGER NULL
);


CREATE TABLE "TagSettings" (
    "WorkflowId" TEXT NOT NULL,
    "Tag" TEXT NOT NULL,
    "RecordText" INTEGER NOT NULL,
    "Retries" INTEGER NOT NULL,
    "RetryDelayMs" INTEGER NOT NULL,
    "TimeoutSeconds" REAL NULL,
    "FallbackModel" TEXT NULL,
    "CacheResponses" INTEGER NOT NULL,
    CONSTRAINT "PK_TagSettings" PRIMARY KEY ("WorkflowId", "Tag")
);


CREATE TABLE "Workflows" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Workflows" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "LatestVersion" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL
);


CREATE TABLE "AlertNotices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AlertNotices" PRIMARY KEY AUTOINCREMENT,
    "RuleId" TEXT NOT NULL,
    "AtMs" INTEGER NOT NULL,
    "Value" REAL NOT NULL,
    "Message" TEXT NOT NULL,
    "WebhookResult" TEXT NULL,
    CONSTRAINT "FK_AlertNotices_AlertRules_RuleId" FOREIGN KEY ("RuleId") REFERENCES "AlertRules" ("Id") ON DELETE CASCADE
);


CREATE TABLE "DatasetVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DatasetVersions" PRIMARY KEY AUTOINCREMENT,
    "DatasetId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "CaseCount" INTEGER NOT NULL,
    "Message" TEXT NOT NULL,
    "Author" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_DatasetVersions_Datasets_DatasetId" FOREIGN KEY ("DatasetId") REFERENCES "Datasets" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Evaluations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Evaluations" PRIMARY KEY,
    "WorkflowId" TEXT NOT NULL,
    "VersionNumber" INTEGER NOT NULL,
    "DatasetId" TEXT NOT NULL,
    "DatasetVersion" INTEGER NOT NULL,
    "ModelOverride" TEXT NULL,
    "Repeats" INTEGER NOT NULL,
    "SpecJson" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "EndedAt" INTEGER NULL,
    "StartedBy" TEXT NOT NULL,
    "ExperimentId" TEXT NULL,
    "Variant" TEXT NULL,
    CONSTRAINT "FK_Evaluations_Datasets_DatasetId" FOREIGN KEY ("DatasetId") REFERENCES "Datasets" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Evaluations_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
);


CREATE TABLE "OnlineScorerSettings" (
    "WorkflowId" TEXT NOT NULL,
    "Tag" TEXT NOT NULL,
    "ScorersJson" TEXT NOT NULL,
    "SampleRate" REAL NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_OnlineScorerSettings" PRIMARY KEY ("WorkflowId", "Tag"),
    CONSTRAINT "FK_OnlineScorerSettings_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
);


CREATE TABLE "OnlineScores" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OnlineScores" PRIMARY KEY AUTOINCREMENT,
    "RunId" TEXT NOT NULL,
    "WorkflowId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Tag" TEXT NOT NULL,
    "Scorer" TEXT NOT NULL,
    "Value" REAL NULL,
    "Passed" INTEGER NOT NULL,
    "Reason" TEXT NULL,
    "ScoredAt" INTEGER NOT NULL,
    CONSTRAINT "FK_OnlineScores_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
);


CREATE TABLE "StepChecks" (
    "WorkflowId" TEXT NOT NULL,
    "StepId" TEXT NOT NULL,
    "ChecksJson" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_StepChecks" PRIMARY KEY ("WorkflowId", "StepId"),
    CONSTRAINT "FK_StepChecks_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
);


CREATE TABLE "TagMoves" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TagMoves" PRIMARY KEY AUTOINCREMENT,
    "WorkflowId" TEXT NOT NULL,
    "Tag" TEXT NOT NULL,
    "FromNumber" INTEGER NULL,
    "ToNumber" INTEGER NOT NULL,
    "MovedAt" INTEGER NOT NULL,
    "MovedBy" TEXT NOT NULL,
    CONSTRAINT "FK_TagMoves_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Versions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Versions" PRIMARY KEY AUTOINCREMENT,
    "WorkflowId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "DefinitionJson" TEXT NOT NULL,
    "Code" TEXT NULL,
    "Message" TEXT NOT NULL,
    "Author" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ParentNumber" INTEGER NULL,
    "RestoredFrom" INTEGER NULL,
    CONSTRAINT "FK_Versions_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
);


CREATE TABLE "DatasetCases" (
    "VersionId" INTEGER NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "CaseId" TEXT NOT NULL,
    "InputsJson" TEXT NOT NULL,
    "ExpectedJson" TEXT NOT NULL,
    "StepExpectedJson" TEXT NOT NULL,
    "Tags" TEXT NOT NULL,
    "Split" TEXT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "PK_DatasetCases" PRIMARY KEY ("VersionId", "Ordinal"),
    CONSTRAINT "FK_DatasetCases_DatasetVersions_VersionId" FOREIGN KEY ("VersionId") REFERENCES "DatasetVersions" ("Id") ON DELETE CASCADE
);


CREATE TABLE "EvaluationCases" (
    "EvaluationId" TEXT NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "Repeat" INTEGER NOT NULL,
    "CaseId" TEXT NOT NULL,
    "RunId" TEXT NOT NULL,
    "Passed" INTEGER NOT NULL,
    "Error" TEXT NULL,
    "LatencyMs" INTEGER NOT NULL,
    "InputTokens" INTEGER NOT NULL,
    "OutputTokens" INTEGER NOT NULL,
    "Cost" TEXT NOT NULL,
    "OutputsJson" TEXT NULL,
    CONSTRAINT "PK_EvaluationCases" PRIMARY KEY ("EvaluationId", "Ordinal", "Repeat"),
    CONSTRAINT "FK_EvaluationCases_Evaluations_EvaluationId" FOREIGN KEY ("EvaluationId") REFERENCES "Evaluations" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Runs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Runs" PRIMARY KEY,
    "WorkflowId" TEXT NOT NULL,
    "VersionId" INTEGER NOT NULL,
    "VersionNumber" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "EndedAt" INTEGER NULL,
    "DurationMs" INTEGER NULL,
    "InputTokens" INTEGER NOT NULL,
    "OutputTokens" INTEGER NOT NULL,
    "Cost" TEXT NOT NULL,
    "StartedBy" TEXT NOT NULL,
    "InputsJson" TEXT NOT NULL,
    "OutputsJson" TEXT NULL,
    "Error" TEXT NULL,
    "LastSequence" INTEGER NOT NULL,
    CONSTRAINT "FK_Runs_Versions_VersionId" FOREIGN KEY ("VersionId") REFERENCES "Versions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Runs_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Tags" (
    "WorkflowId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "VersionId" INTEGER NOT NULL,
    "MovedAt" INTEGER NOT NULL,
    "MovedBy" TEXT NOT NULL,
    CONSTRAINT "PK_Tags" PRIMARY KEY ("WorkflowId", "Name"),
    CONSTRAINT "FK_Tags_Versions_VersionId" FOREIGN KEY ("VersionId") REFERENCES "Versions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Tags_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
);


CREATE TABLE "EvaluationScores" (
    "EvaluationId" TEXT NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "Repeat" INTEGER NOT NULL,
    "Scorer" TEXT NOT NULL,
    "Value" REAL NULL,
    "Passed" INTEGER NOT NULL,
    "Reason" TEXT NULL,
    CONSTRAINT "PK_EvaluationScores" PRIMARY KEY ("EvaluationId", "Ordinal", "Repeat", "Scorer"),
    CONSTRAINT "FK_EvaluationScores_EvaluationCases_EvaluationId_Ordinal_Repeat" FOREIGN KEY ("EvaluationId", "Ordinal", "Repeat") REFERENCES "EvaluationCases" ("EvaluationId", "Ordinal", "Repeat") ON DELETE CASCADE
);


CREATE TABLE "DeploymentRuns" (
    "RunId" TEXT NOT NULL CONSTRAINT "PK_DeploymentRuns" PRIMARY KEY,
    "ApiKeyId" TEXT NOT NULL,
    "WorkflowId" TEXT NOT NULL,
    "Tag" TEXT NOT NULL,
    "IdempotencyKey" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_DeploymentRuns_ApiKeys_ApiKeyId" FOREIGN KEY ("ApiKeyId") REFERENCES "ApiKeys" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_DeploymentRuns_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Feedback" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Feedback" PRIMARY KEY AUTOINCREMENT,
    "RunId" TEXT NOT NULL,
    "WorkflowId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Tag" TEXT NULL,
    "AtMs" INTEGER NOT NULL,
    "Score" REAL NOT NULL,
    "ThumbsUp" INTEGER NULL,
    "Label" TEXT NULL,
    "Comment" TEXT NULL,
    "Correction" TEXT NULL,
    "By" TEXT NOT NULL,
    CONSTRAINT "FK_Feedback_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RunEvents" (
    "RunId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "NodeId" TEXT NULL,
    "Iteration" INTEGER NOT NULL,
    "Timestamp" INTEGER NOT NULL,
    "Payload" TEXT NOT NULL,
    CONSTRAINT "PK_RunEvents" PRIMARY KEY ("RunId", "Sequence"),
    CONSTRAINT "FK_RunEvents_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "CalibrationLabels" (
    "EvaluationId" TEXT NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "Repeat" INTEGER NOT NULL,
    "Scorer" TEXT NOT NULL,
    "Labeller" TEXT NOT NULL,
    "Passed" INTEGER NOT NULL,
    "LabelledAt" INTEGER NOT NULL,
    CONSTRAINT "PK_CalibrationLabels" PRIMARY KEY ("EvaluationId", "Ordinal", "Repeat", "Scorer", "Labeller"),
    CONSTRAINT "FK_CalibrationLabels_EvaluationScores_EvaluationId_Ordinal_Repeat_Scorer" FOREIGN KEY ("EvaluationId", "Ordinal", "Repeat", "Scorer") REFERENCES "EvaluationScores" ("EvaluationId", "Ordinal", "Repeat", "Scorer") ON DELETE CASCADE
);


CREATE INDEX "IX_AlertNotices_AtMs" ON "AlertNotices" ("AtMs");


CREATE INDEX "IX_AlertNotices_RuleId" ON "AlertNotices" ("RuleId");


CREATE UNIQUE INDEX "IX_ApiKeys_Hash" ON "ApiKeys" ("Hash");


CREATE UNIQUE INDEX "IX_DatasetVersions_DatasetId_Number" ON "DatasetVersions" ("DatasetId", "Number");


CREATE UNIQUE INDEX "IX_DeploymentRuns_ApiKeyId_IdempotencyKey" ON "DeploymentRuns" ("ApiKeyId", "IdempotencyKey");


CREATE INDEX "IX_EvaluationCases_RunId" ON "EvaluationCases" ("RunId");


CREATE INDEX "IX_Evaluations_DatasetId" ON "Evaluations" ("DatasetId");


CREATE INDEX "IX_Evaluations_ExperimentId" ON "Evaluations" ("ExperimentId");


CREATE INDEX "IX_Evaluations_WorkflowId_CreatedAt" ON "Evaluations" ("WorkflowId", "CreatedAt");


CREATE INDEX "IX_Feedback_AtMs" ON "Feedback" ("AtMs");


CREATE INDEX "IX_Feedback_RunId" ON "Feedback" ("RunId");


CREATE UNIQUE INDEX "IX_ModelCallRollups_WidthMs_StartMs_WorkflowId_Version_Tag_StepId_Model_ErrorCode" ON "ModelCallRollups" ("WidthMs", "StartMs", "WorkflowId", "Version", "Tag", "StepId", "Model", "ErrorCode");


CREATE INDEX "IX_ModelCalls_AtMs" ON "ModelCalls" ("AtMs");


CREATE INDEX "IX_ModelCalls_Failed" ON "ModelCalls" ("AtMs") WHERE ErrorCode IS NOT NULL;


CREATE INDEX "IX_ModelCalls_NotRolledUp" ON "ModelCalls" ("Id") WHERE RolledUp = 0;


CREATE INDEX "IX_ModelCalls_RunId" ON "ModelCalls" ("RunId");


CREATE INDEX "IX_ModelCalls_WorkflowId_AtMs" ON "ModelCalls" ("WorkflowId", "AtMs");


CREATE INDEX "IX_OnlineScores_RunId" ON "OnlineScores" ("RunId");


CREATE INDEX "IX_OnlineScores_ScoredAt" ON "OnlineScores" ("ScoredAt");


CREATE INDEX "IX_OnlineScores_WorkflowId_Tag_ScoredAt" ON "OnlineScores" ("WorkflowId", "Tag", "ScoredAt");


CREATE INDEX "IX_ResponseCache_ExpiresAtMs" ON "ResponseCache" ("ExpiresAtMs");


CREATE INDEX "IX_Runs_Status" ON "Runs" ("Status");


CREATE INDEX "IX_Runs_VersionId" ON "Runs" ("VersionId");


CREATE INDEX "IX_Runs_WorkflowId_StartedAt" ON "Runs" ("WorkflowId", "StartedAt");


CREATE INDEX "IX_TagMoves_WorkflowId_Tag" ON "TagMoves" ("WorkflowId", "Tag");


CREATE INDEX "IX_Tags_VersionId" ON "Tags" ("VersionId");


CREATE UNIQUE INDEX "IX_Versions_WorkflowId_Number" ON "Versions" ("WorkflowId", "Number");

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NULL,
    "Detail" TEXT NULL
);


CREATE TABLE "ProviderSecrets" (
    "Provider" TEXT NOT NULL CONSTRAINT "PK_ProviderSecrets" PRIMARY KEY,
    "Protected" TEXT NOT NULL,
    "Ending" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE TABLE "KnowledgeBases" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_KnowledgeBases" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT COLLATE NOCASE NOT NULL,
    "ChunkSize" INTEGER NOT NULL,
    "ChunkOverlap" INTEGER NOT NULL,
    "VectorWeight" REAL NOT NULL,
    "TopK" INTEGER NOT NULL,
    "Revision" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);


CREATE TABLE "KnowledgeFolderImports" (
    "Name" TEXT COLLATE NOCASE NOT NULL CONSTRAINT "PK_KnowledgeFolderImports" PRIMARY KEY,
    "ImportedAt" INTEGER NOT NULL
);


CREATE TABLE "KnowledgeDocuments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_KnowledgeDocuments" PRIMARY KEY AUTOINCREMENT,
    "BaseId" INTEGER NOT NULL,
    "Name" TEXT COLLATE NOCASE NOT NULL,
    "Kind" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "ChunkCount" INTEGER NOT NULL,
    "AddedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_KnowledgeDocuments_KnowledgeBases_BaseId" FOREIGN KEY ("BaseId") REFERENCES "KnowledgeBases" ("Id") ON DELETE CASCADE
);


CREATE TABLE "KnowledgeChunks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_KnowledgeChunks" PRIMARY KEY AUTOINCREMENT,
    "BaseId" INTEGER NOT NULL,
    "DocumentId" INTEGER NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "Embedding" BLOB NOT NULL,
    CONSTRAINT "FK_KnowledgeChunks_KnowledgeBases_BaseId" FOREIGN KEY ("BaseId") REFERENCES "KnowledgeBases" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_KnowledgeChunks_KnowledgeDocuments_DocumentId" FOREIGN KEY ("DocumentId") REFERENCES "KnowledgeDocuments" ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_KnowledgeBases_Name" ON "KnowledgeBases" ("Name");


CREATE INDEX "IX_KnowledgeChunks_BaseId_DocumentId_Ordinal" ON "KnowledgeChunks" ("BaseId", "DocumentId", "Ordinal");


CREATE INDEX "IX_KnowledgeChunks_DocumentId" ON "KnowledgeChunks" ("DocumentId");


CREATE UNIQUE INDEX "IX_KnowledgeDocuments_BaseId_Name" ON "KnowledgeDocuments" ("BaseId", "Name");
