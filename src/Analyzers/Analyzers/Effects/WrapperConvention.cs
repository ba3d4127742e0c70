using System;
using System.Collections.Immutable;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// A naming convention for home-grown wrappers whose bodies the compilation cannot see (an <c>IEventBus</c> from a
    /// shared package, a repository interface implemented in another assembly): <c>kind:TypePattern.MethodPattern</c>,
    /// where the patterns match the simple type and method names and <c>*</c> matches any run of characters.
    /// </summary>
    internal sealed class WrapperConvention
    {
        private WrapperConvention(EffectKind kind, string typePattern, string methodPattern, string text)
        {
            Kind = kind;
            TypePattern = typePattern;
            MethodPattern = methodPattern;
            Text = text;
        }

        /// <summary>The conventions enabled by <c>consistency.wrapper_conventions = true</c>.</summary>
        public static ImmutableArray<WrapperConvention> Defaults { get; } = CreateDefaults();

        public EffectKind Kind { get; }

        public string TypePattern { get; }

        public string MethodPattern { get; }

        public string Text { get; }

        public static WrapperConvention? TryParse(string text)
        {
            int colon = text.IndexOf(':');
            int dot = text.LastIndexOf('.');
            if (colon <= 0 || dot <= colon + 1 || dot == text.Length - 1)
            {
                return null;
            }

            EffectKind? kind = EffectOptions.ParseKind(text.Substring(0, colon).Trim());
            if (kind is null)
            {
                return null;
            }

            return new WrapperConvention(kind.Value, text.Substring(colon + 1, dot - colon - 1).Trim(), text.Substring(dot + 1).Trim(), text);
        }

        public bool Matches(string typeName, string methodName)
            => WildcardMatch(MethodPattern, methodName) && WildcardMatch(TypePattern, typeName);

        /// <summary>Ordinal, case-sensitive match where <c>*</c> matches any run of characters (iterative, no allocation).</summary>
        internal static bool WildcardMatch(string pattern, string value)
        {
            int p = 0, v = 0, star = -1, mark = 0;
            while (v < value.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    mark = v;
                }
                else if (p < pattern.Length && pattern[p] == value[v])
                {
                    p++;
                    v++;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    v = ++mark;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }

        private static ImmutableArray<WrapperConvention> CreateDefaults()
        {
            string[] texts =
            {
                "publish:*EventBus.Publish*", "publish:*EventBus.Send*", "publish:*EventPublisher.Publish*",
                "publish:*MessagePublisher.Publish*", "publish:*MessagePublisher.Send*", "publish:*MessageBus.Publish*",
                "publish:*MessageBus.Send*", "publish:*Messenger.Publish*", "publish:*Messenger.Send*",
                "publish:*MessageSender.Send*", "publish:*EventDispatcher.Dispatch*", "publish:*EventSender.Send*",
                "db_write:*Repository.Save*", "db_write:*Repository.Add*", "db_write:*Repository.Insert*",
                "db_write:*Repository.Update*", "db_write:*Repository.Upsert*", "db_write:*Repository.Delete*",
                "db_write:*Repository.Remove*", "db_write:*Repository.Create*", "db_write:*UnitOfWork.Commit*",
                "db_write:*UnitOfWork.SaveChanges*",
                "db_read:*Repository.Get*", "db_read:*Repository.Find*", "db_read:*Repository.List*", "db_read:*Repository.Query*",
            };

            var builder = ImmutableArray.CreateBuilder<WrapperConvention>(texts.Length);
            foreach (var text in texts)
            {
                builder.Add(TryParse(text) ?? throw new InvalidOperationException(text));
            }

            return builder.MoveToImmutable();
        }
    }
}
