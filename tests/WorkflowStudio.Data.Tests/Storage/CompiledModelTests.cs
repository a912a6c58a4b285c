using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using WorkflowStudio.Data.Storage;
using WorkflowStudio.Data.Storage.CompiledModel;
using WorkflowStudio.Data.Identity;
using WorkflowStudio.Data.Identity.CompiledModel;
using WorkflowStudio.Data.Knowledge;
using WorkflowStudio.Data.Knowledge.CompiledModel;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Data.Tests.Storage;

/// <summary>
/// The studio's three contexts run on compiled models; an entity changed without compiling its model again would be
/// stored wrong, so this fails first, naming the command that makes it again. The identity model is compared with the
/// one the studio's own Identity options build, since Identity shapes its tables from them.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate = "A compiled model is out of date: make it again as docs/architecture.md says (The studio file).";

    public static TheoryData<string> Contexts => [nameof(StudioDbContext), nameof(StudioIdentityDbContext), nameof(KnowledgeDbContext)];

    [Theory]
    [MemberData(nameof(Contexts))]
    public async Task The_compiled_model_has_the_tables_the_entity_configuration_makes(string name)
    {
        await using var studio = new TempDatabase();
        await using var configured = Configured(name, studio.Services);
        var designed = configured.GetService<IDesignTimeModel>().Model;
        var compiled = configured.GetService<IModelRuntimeInitializer>().Initialize(CompiledModelOf(name), designTime: false);

        Assert.True(Describe(designed) == Describe(compiled), Regenerate);
        Assert.True(DescribeTables(designed.GetRelationalModel()) == DescribeTables(compiled.GetRelationalModel()), Regenerate);
    }

    [Fact]
    public async Task The_studio_opens_its_contexts_on_the_compiled_models()
    {
        await using var db = new TempDatabase();
        await using var context = await db.Database.OpenAsync(CancellationToken.None);
        await using var security = await db.Database.OpenSecurityAsync(CancellationToken.None);
        await using var knowledge = await db.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync();

        Assert.IsType<StudioDbContextModel>(context.Model);
        Assert.IsType<StudioIdentityDbContextModel>(security.Model);
        Assert.IsType<KnowledgeDbContextModel>(knowledge.Model);
    }

    // Each context as configured from its entity classes (no compiled model), with the studio's services for Identity's options.
    private static DbContext Configured(string name, IServiceProvider services) => name switch
    {
        nameof(StudioDbContext) => new StudioDbContextDesignFactory().CreateDbContext([]),
        nameof(StudioIdentityDbContext) => new StudioIdentityDbContext(new DbContextOptionsBuilder<StudioIdentityDbContext>()
            .UseApplicationServiceProvider(services).UseSqlite("Data Source=:memory:").Options),
        _ => new KnowledgeDbContextDesignFactory().CreateDbContext([]),
    };

    private static IModel CompiledModelOf(string name) => name switch
    {
        nameof(StudioDbContext) => StudioDbContextModel.Instance,
        nameof(StudioIdentityDbContext) => StudioIdentityDbContextModel.Instance,
        _ => KnowledgeDbContextModel.Instance,
    };

    // The compiled model is read-optimised (the migrations differ cannot read it), so both are described and compared.
    private static string DescribeTables(IRelationalModel model)
    {
        var text = new StringBuilder();
        foreach (var table in model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            text.AppendLine(table.Name);
            foreach (var column in table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal))
                text.Append("  ").Append(column.Name).Append(' ').Append(column.StoreType).Append(' ').Append(column.IsNullable).Append(' ').AppendLine(column.DefaultValueSql);
            if (table.PrimaryKey is { } primary) text.Append("  pk ").AppendLine(string.Join(",", primary.Columns.Select(c => c.Name)));
            foreach (var index in table.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal))
                text.Append("  index ").Append(index.Name).Append(' ').Append(index.IsUnique).Append(' ').AppendLine(string.Join(",", index.Columns.Select(c => c.Name)));
            foreach (var key in table.ForeignKeyConstraints.OrderBy(k => k.Name, StringComparer.Ordinal))
                text.Append("  fk ").Append(key.Name).Append(' ').Append(key.PrincipalTable.Name).Append(' ').AppendLine(key.OnDeleteAction.ToString());
        }
        return text.ToString();
    }

    // The CLR side of every property, key and navigation.
    private static string Describe(IModel model)
    {
        var text = new StringBuilder();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            text.Append(entity.Name).Append(" → ").AppendLine(entity.GetTableName());
            foreach (var property in entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
                text.Append("  ").Append(property.Name).Append(' ').Append(property.ClrType.Name).Append(' ').Append(property.IsNullable)
                    .Append(' ').Append(property.GetTypeMapping().Converter?.ProviderClrType.Name).Append(' ').AppendLine(property.GetMaxLength()?.ToString());
            foreach (var key in entity.GetKeys()) text.Append("  key ").AppendLine(string.Join(",", key.Properties.Select(p => p.Name)));
            foreach (var navigation in entity.GetNavigations().OrderBy(n => n.Name, StringComparer.Ordinal))
                text.Append("  nav ").Append(navigation.Name).Append(' ').AppendLine(navigation.TargetEntityType.Name);
            foreach (var filter in entity.GetDeclaredQueryFilters()) text.Append("  filter ").AppendLine(filter.Expression?.ToString());
        }
        return text.ToString();
    }
}
