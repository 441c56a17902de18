using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace InteractionLab.Api.Data;

/// <summary>
/// Tells "the database cannot be reached right now" (server down, restarting, refusing connections, timing out)
/// from every other failure, so pages and endpoints can answer 503 and ask for patience instead of a 500.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the database is unreachable.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Server going down, starting up, or out of connections; any other server error is a real error.
                case PostgresException pg:
                    if (pg.SqlState is "57P01" or "57P02" or "57P03" or "53300") return true;
                    break;
                // Npgsql's own (not the server's) errors are about the connection.
                case NpgsqlException:
                case RetryLimitExceededException:
                case SocketException:
                case TimeoutException:
                case DbException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }
}
