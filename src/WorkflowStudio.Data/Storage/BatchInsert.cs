using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace WorkflowStudio.Data.Storage;

/// <summary>
/// One prepared INSERT (or UPDATE) executed once per row inside a transaction: the fast path for thousands of rows.
/// Returns the rows changed, so an UPDATE can tell a missing row.
/// </summary>
internal sealed class BatchInsert : IDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    public BatchInsert(StudioDbContext db, IDbContextTransaction transaction, string sql, params string[] names)
    {
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = transaction.GetDbTransaction();
        _command.CommandText = sql;
        _parameters = [.. names.Select(name =>
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            _command.Parameters.Add(parameter);
            return parameter;
        })];
        _command.Prepare();
    }

    public int Execute(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
