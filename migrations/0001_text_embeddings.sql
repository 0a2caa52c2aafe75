CREATE TABLE "text_embeddings" (
	"team_id" text NOT NULL,
	"model" text NOT NULL,
	"text_hash" text NOT NULL,
	"vector" real[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "text_embeddings_team_id_model_text_hash_pk" PRIMARY KEY("team_id","model","text_hash")
);
