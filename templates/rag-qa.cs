using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace Workflows;

public static class RagQa
{
    public static Workflow Build() => new WorkflowBuilder("rag-qa", "Question answering over a knowledge base")
        .Description("Finds the passages that answer a question, answers only from them, and checks the answer is grounded.")
        .Input("question", i => i.Description("What the user wants to know"))
        .Retrieval("search", r => r.KnowledgeBase("acme-widgets").Query("{{question}}").TopK(5))
        .Prompt("answer", p => p
            .System("Answer only from the context. If the context does not say, reply that you do not know.")
            .User("""
                Context:
                {{search.text}}

                Question: {{question}}
                """)
            .Temperature(0.2))
        .Judge("grounded", j => j
            .Rubric("The answer is supported by the context and answers the question.")
            .Reference("{{search.text}}")
            .PassAt(0.5))
        .Output("reply", "{{answer.text}}")
        .Output("unsure", "I could not find a well-grounded answer to that. ({{grounded.reason}})")
        .Edge("question", "search")
        .Edge("search", "answer")
        .Edge("answer", "grounded")
        .Edge("grounded.pass", "reply")
        .Edge("grounded.fail", "unsure")
        .Layout(
            ("question", 40, 160),
            ("search", 300, 160),
            ("answer", 560, 160),
            ("grounded", 820, 160),
            ("reply", 1080, 80),
            ("unsure", 1080, 260))
        .Build();
}
